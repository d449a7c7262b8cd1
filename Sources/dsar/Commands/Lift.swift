import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar lift`
    struct Lift: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lift",
            abstract: "Lift a fulfilled restriction, after the restriction_lift_notice letter was sent.",
            discussion: "Example:\n  dsar letter DSAR-2026-000012 restriction_lift_notice\n  dsar lift DSAR-2026-000012")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func run() throws {
            try LifecycleCommand.run(.event(.lift), reference: reference, global: global, at: at)
        }
    }
}
