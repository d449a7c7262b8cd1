import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar start`
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start work on a received request whose requester's identity is already sufficient.",
            discussion: "Example:\n  dsar start DSAR-2026-000012")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference, e.g. DSAR-2026-000012.") var reference: String
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func run() throws {
            try LifecycleCommand.run(.event(.start), reference: reference, global: global, at: at)
        }
    }
}
