import ArgumentParser
import DeskCore
import DeskStore
import Foundation
import LetterDesk
import MailTransport

extension Dsar {
    /// `dsar letter …`: produce letters (the default) and verify them.
    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "letter",
            abstract: "Produce a letter for a request (`dsar letter REF LETTER`), or verify one (`dsar letter verify CODE`).",
            discussion: """
                Example:
                  dsar letter DSAR-2026-000123 acknowledgement
                  dsar letter verify ABCD-EFGH-JK23
                """,
            subcommands: [Produce.self, Verify.self],
            defaultSubcommand: Produce.self
        )
    }
}

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

        @Argument(help: "The request's reference, e.g. DSAR-2026-000123.")
        var reference: String

        @Argument(help: "The letter, e.g. acknowledgement, fulfilled, refusal, extension_notice.")
        var letter: String

        @Option(help: "Language: uz, uz-Cyrl, ru or en (else the requester's).")
        var lang: String?

        @Option(help: "text, html or eml.")
        var format: String = "text"

        @Option(help: "Write the letter to this file instead of printing it.")
        var out: String?

        @Option(help: "The third party a recipient_notification is addressed to.")
        var recipient: String?

        @Flag(help: "Produce the letter as .eml, queue it in the outbox and send it now over mail.smtp_url.")
        var send = false

        @Option(help: "With --send: a file (mode 0600) holding the SMTP password (else DSAR_SMTP_PASSWORD or ~/.netrc).")
        var passwordFile: String?

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
            if let out {
                let directory = URL(fileURLWithPath: out).deletingLastPathComponent().path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw ValidationError("--out \(out.prefix(80)): the folder \(directory.prefix(80)) does not exist; create it or choose another path.")
                }
            }
        }

        func run() throws {
            do {
                let session = try DeskSession.open(global)
                let producer = try LetterProducer(db: session.db)
                // The SMTP set-up is checked before anything is recorded.
                let sender = try send ? OutboxService(db: session.db).sender(
                    password: try MailPassword.resolve(variable: "DSAR_SMTP_PASSWORD", file: passwordFile),
                    actor: session.actor, clock: DeskClock.live) : nil
                let produced = try producer.produceInTransaction(
                    named: letter, for: reference, language: language, format: LetterFormat(rawValue: format) ?? .text,
                    recipientName: recipient, actor: session.actor, now: session.now, queue: send,
                    deliver: { produced in if let out { try write(produced.content, to: out) } })
                let stored = produced.letter
                if let sender, let outboxID = produced.outboxID {
                    print("\(stored.reference): \(stored.kind) (\(stored.language.rawValue), eml) recorded, verification code \(stored.verificationCode); queued as outbox letter \(outboxID).")
                    do {
                        if let outcome = try sender.send([outboxID]).first {
                            print("Outbox letter \(outboxID): \(outcome.status.rawValue) — \(outcome.detail.prefix(160))")
                        }
                    } catch let error as MailTransportError {
                        let failure = DeskFailure(mail: error)
                        throw DeskFailure(
                            message: failure.message + " The letter stays queued; `dsar outbox send \(outboxID)` sends it.",
                            exitCode: failure.exitCode)
                    }
                } else if let out {
                    print("\(stored.reference): \(stored.kind) (\(stored.language.rawValue), \(stored.format)) written to \(out); verification code \(stored.verificationCode).")
                } else {
                    FileHandle.standardOutput.write(Data(produced.content.utf8))
                }
            } catch {
                throw DeskFailure(error)
            }
        }

        func write(_ content: String, to path: String) throws {
            do {
                if FileManager.default.isSpecialFile(atPath: path) {
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    defer { try? handle.close() }
                    try handle.write(contentsOf: Data(content.utf8))
                } else {
                    try Data(content.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                }
            } catch {
                throw DeskFailure(
                    message: "Cannot write \(path.prefix(80)); check the folder's permissions. The letter was not recorded.",
                    exitCode: DeskFailure.badInput)
            }
        }
    }
}
