import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation
import LetterDesk
import MailTransport

extension Dsar.Outbox {
    /// `dsar outbox send [--all | ID…]`
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Send queued letters over SMTP (mail.smtp_url) on one connection.",
            discussion: """
                A 4xx reply leaves the letter queued for a later try (1, 2, 4, 8 … minutes, five tries); \
                a 5xx reply fails it with the server's reason. The password comes from \
                DSAR_SMTP_PASSWORD, --password-file (mode 0600) or ~/.netrc.

                Example:
                  DSAR_SMTP_PASSWORD=… dsar outbox send --all
                  dsar outbox send 12 13 --password-file ~/.config/dsar/smtp-password
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Send every letter that is due.")
        var all = false

        @Argument(help: "Outbox ids to send (see `dsar outbox`).")
        var ids: [Int64] = []

        @Option(help: "A file (mode 0600) holding the SMTP password.")
        var passwordFile: String?

        func validate() throws {
            if all == !ids.isEmpty {
                throw ValidationError("Name the letters to send (`dsar outbox send 12`) or give --all, not both.")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let password = try MailPassword.resolve(variable: "DSAR_SMTP_PASSWORD", file: passwordFile)
            let sender = try OutboxService(db: session.db).sender(password: password, actor: session.actor, clock: DeskClock.live)
            let wanted = all ? try sender.dueLetters() : ids
            guard !wanted.isEmpty else {
                print("Nothing is due in the outbox.")
                return
            }
            let outcomes = try sender.send(wanted) { outcome in
                print("\(outcome.id) \(outcome.reference): \(outcome.status.rawValue) — \(outcome.detail.prefix(160))")
            }
            let sent = outcomes.filter { $0.status == .sent }.count
            print("\(sent) of \(outcomes.count) letter\(outcomes.count == 1 ? "" : "s") sent.")
            if outcomes.count < wanted.count {
                print("\(wanted.count - outcomes.count) not queued or being sent by someone else; `dsar outbox` shows them.")
            }
        }
    }
}
