import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar.Inbox {
    /// `dsar inbox convert`
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Register a request from an inbox item's message.",
            discussion: """
                The requester is the message's sender, received when the message was sent (else \
                imported), channel email. Without --kind the classifier's suggestion (shown by \
                `dsar inbox`) is accepted when it is at least \(InboxStore.acceptablePercent) %; a weaker one (an invoice, a \
                newsletter) is refused with exit 2: name the right with --kind or dismiss the item. \
                --kind overrides the suggestion. Either way the choice is a label the desk learns \
                from (`dsar intake train`). An item already converted or dismissed is refused (exit 4).

                Example:
                  dsar inbox convert 12
                  dsar inbox convert 12 --kind access --lang uz
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The inbox item's id (see `dsar inbox`).")
        var id: Int64
        @Option(help: "The right asked for (access, rectification, erasure, restriction, portability, objection); default: the suggestion.")
        var kind: String?
        @Option(help: "The policy (else the desk's default).")
        var policy: String?
        @Option(help: "The requester's language: uz, uz-Cyrl, ru, en (else the message's, else uz).")
        var lang: String?

        func validate() throws {
            if let kind, Right(rawValue: kind) == nil {
                throw ValidationError("--kind \(kind.prefix(40)) is not a right; use one of \(Right.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if let lang, Language(rawValue: lang) == nil {
                throw ValidationError("--lang \(lang.prefix(20)) is not a desk language; use uz, uz-Cyrl, ru or en.")
            }
            if let policy { try InputRules.checkName(policy, option: "--policy") }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let request = try InboxStore(session.db).convert(
                id, kind: kind.flatMap(Right.init(rawValue:)), policy: policy, language: lang.flatMap(Language.init(rawValue:)),
                actor: session.actor, now: session.now)
            print(request.reference)
        }
    }
}
