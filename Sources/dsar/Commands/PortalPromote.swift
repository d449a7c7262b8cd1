import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation
import LetterDesk
import MailTransport

extension Dsar.Portal {
    /// `dsar portal promote [--send] [--every 30s]`
    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "promote",
            abstract: "Turn the portal's verified submissions into requests and its replies into messages.",
            discussion: """
                Each verified submission becomes a request (channel web form, received when its code \
                was entered) with its acknowledgement queued in the outbox, which tells the requester \
                the reference; each reply typed on the status page becomes a reply on its request \
                (flag R in `dsar queue`). With --send the outbox is then sent, like `dsar outbox send \
                --all` (password: DSAR_SMTP_PASSWORD, --password-file or ~/.netrc). With --every the \
                command repeats until SIGINT or SIGTERM.

                Example:
                  dsar portal promote
                  DSAR_SMTP_PASSWORD=… dsar portal promote --send --every 30s
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Send what is due in the outbox after each pass.")
        var send = false

        @Option(help: "Repeat at this interval (30s, 5m, 1h) until interrupted.")
        var every: String?

        @Option(help: "A file (mode 0600) holding the SMTP password (with --send).")
        var passwordFile: String?

        func validate() throws {
            if let every, PollInterval.seconds(every) == nil {
                throw ValidationError("--every \(every.prefix(20)) is not an interval; write 30s, 5m or 1h (10 seconds to 24 hours).")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let promoter = PortalPromoter(db: session.db, producer: try LetterProducer(db: session.db))
            let password = send ? try MailPassword.resolve(variable: "DSAR_SMTP_PASSWORD", file: passwordFile) : nil
            let interruption = Interruption()
            repeat {
                let outcome = try promoter.promote(now: try DeskClock.now())
                if every == nil || !outcome.registered.isEmpty || outcome.replies > 0 {
                    print(Self.summary(outcome))
                }
                if send {
                    let sender = try OutboxService(db: session.db).sender(password: password, actor: session.actor, clock: DeskClock.live)
                    let due = try sender.dueLetters()
                    if !due.isEmpty {
                        let sent = try sender.send(due) { _ in }.filter { $0.status == .sent }.count
                        print("Outbox: \(sent) of \(due.count) letter\(due.count == 1 ? "" : "s") sent.")
                    }
                }
                guard let every, let seconds = PollInterval.seconds(every) else { break }
                interruption.sleep(seconds)
            } while !interruption.isRaised
        }

        static func summary(_ outcome: PortalPromoter.Outcome) -> String {
            let requests = outcome.registered.count
            var text = "Portal: \(requests) request\(requests == 1 ? "" : "s") registered"
            if requests > 0 { text += " (\(outcome.registered.joined(separator: ", ")); \(outcome.acknowledgementsQueued) acknowledgement\(outcome.acknowledgementsQueued == 1 ? "" : "s") queued)" }
            text += ", \(outcome.replies) repl\(outcome.replies == 1 ? "y" : "ies") stored."
            return text
        }
    }
}
