import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar clarify`
    struct Clarify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clarify",
            abstract: "Ask the requester to clarify the request; the clock pauses until `dsar resume`.",
            discussion: "Example:\n  dsar clarify DSAR-2026-000012 --question \"Which of your accounts does the request concern?\"")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Option(help: "The question put to the requester (quoted in the clarification letter).") var question: String
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func validate() throws { try InputRules.checkText(question, option: "--question", required: true) }

        func run() throws {
            try LifecycleCommand.run(.event(.clarify, note: question), reference: reference, global: global, at: at)
        }
    }
}
