import ArgumentParser
import DeskIntake
import DeskProgram
import DeskStore
import Foundation
import MailIntake
import MailTransport

extension Dsar.Intake {
    /// `dsar intake fetch URL [--mark-seen | --move-to F] [--every 5m] [--dry-run] [--json]`
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Fetch new mail from an IMAP folder and import it as `intake import` does.",
            discussion: """
                URL is imaps://user@host/FOLDER (or imap:// with STARTTLS, required unless \
                --allow-plaintext). The password comes from DSAR_IMAP_PASSWORD, --password-file (mode \
                0600) or ~/.netrc, and is never stored or printed. Only messages with a UID above the \
                one remembered for the folder are fetched, without marking them read; --mark-seen or \
                --move-to act on a message only after it is stored. A run stopped halfway is simply \
                run again. With --every the command keeps polling until SIGINT or SIGTERM, which \
                finish the current batch and exit 0. With mail.auto_send on, the outbox is sent after \
                each pass (DSAR_SMTP_PASSWORD).

                Example:
                  DSAR_IMAP_PASSWORD=… dsar intake fetch imaps://dpo%40raqamli.uz@mail.raqamli.uz/INBOX --move-to Requests
                  dsar intake fetch imaps://dpo@mail.example.uz/INBOX --every 5m --password-file ~/.config/dsar/imap
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "imaps://user@host/FOLDER (user may be written user%40domain).") var url: String
        @Flag(help: "Mark each message \\Seen once it is stored.") var markSeen = false
        @Option(help: "Move each message to this folder once it is stored.") var moveTo: String?
        @Option(help: "Keep fetching at this interval (30s, 5m, 1h) until interrupted.") var every: String?
        @Flag(help: "Say what would happen without writing anything (and without marking or moving).") var dryRun = false
        @Flag(help: "One JSON object per message, as for `intake import --json`.") var json = false
        @Option(help: "A file (mode 0600) holding the IMAP password.") var passwordFile: String?
        @Option(help: "A PEM file of CA certificates to trust (else mail.ca_file, else the system's).") var caFile: String?
        @Flag(help: "Allow imap:// without STARTTLS (a server on this machine only).") var allowPlaintext = false
        @Option(help: "Policy for the new requests (uz, uz-state, gdpr, ru).") var policy: String?
        @Option(help: "Messages fetched and stored per transaction (1–1000).") var batch = 200

        func validate() throws {
            let account: MailAccount
            do { account = try MailAccount(parsing: url) } catch { throw ValidationError(DeskFailure.sentence(error)) }
            guard account.scheme.isIMAP else { throw ValidationError("intake fetch reads IMAP: give an imaps:// or imap:// URL.") }
            if markSeen && moveTo != nil { throw ValidationError("Give --mark-seen or --move-to, not both.") }
            if dryRun && (markSeen || moveTo != nil) { throw ValidationError("A dry run changes nothing on the server; leave out --mark-seen and --move-to.") }
            if let every, PollInterval.seconds(every) == nil {
                throw ValidationError("--every \(every.prefix(20)) is not an interval; write 30s, 5m or 1h (10 seconds to 24 hours).")
            }
            guard (1...1000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1000 messages.") }
            if let moveTo, moveTo.isEmpty || moveTo.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) {
                throw ValidationError("--move-to needs a folder name without quotes, backslashes or line breaks.")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let settings = try SettingsStore(session.db).values()
            let account = try MailAccount(parsing: url)
            let options = MailConnectionOptions(
                password: try MailPassword.resolve(variable: "DSAR_IMAP_PASSWORD", file: passwordFile),
                caFile: caFile ?? settings["mail.ca_file"], allowPlaintext: allowPlaintext)
            let job = try MailboxFetchJob(db: session.db, actor: session.actor, configuration: .init(
                account: account, options: options, after: moveTo.map { .move(to: $0) } ?? (markSeen ? .markSeen : .leave),
                dryRun: dryRun, policy: policy, batchSize: batch, smtpPassword: try MailPassword.resolve(variable: "DSAR_SMTP_PASSWORD", file: nil)))
            try job.check(now: try DeskClock.now())
            try FetchLoop(job: job, account: account, dryRun: dryRun, json: json).run(every: every.flatMap(PollInterval.seconds))
        }
    }
}
