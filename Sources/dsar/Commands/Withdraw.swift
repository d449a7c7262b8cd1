import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar withdraw`
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Record that the requester withdrew an open request.",
            discussion: "Example:\n  dsar withdraw DSAR-2026-000012")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Option(help: "A note for the record.") var note: String?
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func validate() throws { if let note { try InputRules.checkText(note, option: "--note") } }

        func run() throws {
            try LifecycleCommand.run(.event(.withdraw, note: note), reference: reference, global: global, at: at)
        }
    }
}
