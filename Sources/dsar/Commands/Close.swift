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
                fulfilled and refused need --ground and a --note giving the reason, which the letter prints. \
                legal_obligation_to_retain also needs --retention-law and --retention-period. \
                manifestly_unfounded and excessive are GDPR grounds (Article 12(5)); under uz, uz-state and ru \
                refuse with exemption_other and the law's reason.

                Example:
                  dsar record DSAR-2026-000012 disclosure --path export.pdf
                  dsar close DSAR-2026-000012 --outcome fulfilled
                  dsar close DSAR-2026-000013 --outcome refused --ground legal_obligation_to_retain \\
                       --note "The contract file is evidence in a pending tax audit" \\
                       --retention-law "Tax Code of the Republic of Uzbekistan, art. 88" --retention-period "5 years"
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
        @Option(help: "The reason for the refusal or the refused part (required with every ground).") var note: String?
    @Option(help: "legal_obligation_to_retain: the law and article that require the data to be kept.") var retentionLaw: String?
    @Option(help: "legal_obligation_to_retain: how long the law requires it to be kept.") var retentionPeriod: String?
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func validate() throws {
            if let note { try InputRules.checkText(note, option: "--note") }
        if let retentionLaw { try InputRules.checkText(retentionLaw, option: "--retention-law") }
        if let retentionPeriod { try InputRules.checkText(retentionPeriod, option: "--retention-period") }
        if (retentionLaw != nil || retentionPeriod != nil) && ground != .legalObligationToRetain {
            throw ValidationError("--retention-law and --retention-period go with --ground legal_obligation_to_retain only.")
        }
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
            var retention: RetentionObligation?
            if let retentionLaw, let retentionPeriod { retention = RetentionObligation(law: retentionLaw, period: retentionPeriod) }
            try LifecycleCommand.run(.event(event, ground: ground, note: note, retention: retention), reference: reference,
                                     global: global, at: at)
        }
    }
}
