import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar close`
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a request as fulfilled, partially fulfilled or refused.",
            discussion: """
                Closing as fulfilled needs the right's evidence first (see `dsar record --help`); partially \
                fulfilled and refused need --ground.

                Example:
                  dsar record DSAR-2026-000012 disclosure --path export.pdf
                  dsar close DSAR-2026-000012 --outcome fulfilled
                  dsar close DSAR-2026-000013 --outcome refused --ground manifestly_unfounded --note "Fifth identical request this month"
                """)

        enum Outcome: String, ExpressibleByArgument, CaseIterable {
            case fulfilled
            case partiallyFulfilled = "partially_fulfilled"
            case refused
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Option(help: "fulfilled, partially_fulfilled or refused.") var outcome: Outcome
        @Option(help: "Refusal ground: identity_not_verified, manifestly_unfounded, excessive, legal_obligation_to_retain, no_data_held, exemption_other.")
        var ground: RefusalGround?
        @Option(help: "A note (required with exemption_other).") var note: String?
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func validate() throws {
            if let note { try InputRules.checkText(note, option: "--note") }
            if outcome == .fulfilled && ground != nil {
                throw ValidationError("--ground applies to partially_fulfilled and refused outcomes only.")
            }
        }

        func run() throws {
            let event: LifecycleEvent
            switch outcome {
            case .fulfilled: event = .closeFulfilled
            case .partiallyFulfilled: event = .closePartiallyFulfilled
            case .refused: event = .closeRefused
            }
            try LifecycleCommand.run(.event(event, ground: ground, note: note), reference: reference, global: global, at: at)
        }
    }
}
