import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation
import LetterDesk
import MailTransport

extension Dsar.Letter {
    /// `dsar letter [produce] REF LETTER`: produce, record and print a letter.
    struct Produce: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "produce",
            abstract: "Produce a letter for a request, record it, and print it or write it to a file.",
            discussion: """
                LETTER is acknowledgement, identity_request, clarification_request, extension_notice, \
                fulfilled (the request's right), partially_fulfilled, refusal (the request's ground), \
                withdrawal_confirmation, restriction_lift_notice, recipient_notification, or a full \
                name such as fulfilled_access or refusal_excessive. The letter is written in the \
                requester's language unless --lang says otherwise, and carries a verification code \
                that `dsar letter verify CODE` checks.

                Example:
                  dsar letter DSAR-2026-000123 extension_notice --format eml --out notice.eml
                  dsar letter DSAR-2026-000123 fulfilled --lang ru --format html --out answer.html
                  dsar letter DSAR-2026-000123 fulfilled --send      # as .eml, through the outbox, now
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request's reference, e.g. DSAR-2026-000123.") var reference: String
        @Argument(help: "The letter, e.g. acknowledgement, fulfilled, refusal, extension_notice.") var letter: String
        @Option(help: "Language: uz, uz-Cyrl, ru or en (else the requester's).") var lang: String?
        @Option(help: "text, html or eml.") var format: String = "text"
        @Option(help: "Write the letter to this file instead of printing it.") var out: String?
        @Option(help: "The third party a recipient_notification is addressed to.") var recipient: String?
        @Flag(help: "Produce the letter as .eml, queue it in the outbox and send it now over mail.smtp_url.") var send = false
        @Option(help: "With --send: a file (mode 0600) holding the SMTP password (else DSAR_SMTP_PASSWORD or ~/.netrc).") var passwordFile: String?
        var language: Language? { lang.flatMap(Self.language) }

        static func language(_ text: String) -> Language? {
            Language.allCases.first { $0.rawValue.lowercased() == text.lowercased() }
        }

        func validate() throws {
            if let lang, Self.language(lang) == nil {
                throw ValidationError("--lang \(lang.prefix(20)) is not a desk language; use uz, uz-Cyrl, ru or en.")
            }
            guard LetterFormat(rawValue: format) != nil else {
                throw ValidationError("--format \(format.prefix(20)) is not a letter format; use text, html or eml.")
            }
            if let recipient { try InputRules.checkName(recipient, option: "--recipient") }
            if send && !(format == "text" || format == "eml") {
                throw ValidationError("--send sends the letter as .eml; leave out --format \(format.prefix(20)).")
            }
            if let out { try InputRules.checkFolderExists(for: out, option: "--out") }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let producer = try LetterProducer(db: session.db)
            // The SMTP set-up is checked before anything is recorded.
            let sender = try send ? OutboxService(db: session.db).sender(
                password: try MailPassword.resolve(variable: "DSAR_SMTP_PASSWORD", file: passwordFile),
                actor: session.actor, clock: DeskClock.live) : nil
            let produced = try producer.produceInTransaction(
                named: letter, for: reference, language: language, format: LetterFormat(rawValue: format) ?? .text,
                recipientName: recipient, actor: session.actor, now: session.now, queue: send,
                deliver: { produced in if let out { try LetterOutput.write(produced.content, to: out) } })
            try LetterOutput.show(produced, sentBy: sender, out: out)
        }
    }
}
