import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar resume`
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Resume a request after the requester answered; the paused days push the due date.",
            discussion: "Example:\n  dsar resume DSAR-2026-000012 --at \"2026-11-09 11:00\"")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func run() throws {
            try LifecycleCommand.run(.event(.resume), reference: reference, global: global, at: at)
        }
    }
}
