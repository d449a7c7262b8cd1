public import DeskCore
public import DeskStore
public import Foundation
import MailTransport
public import Postgres

/// The desk's SMTP set-up from its settings (`mail.smtp_url`, `mail.ca_file`, `dpo.email`),
/// and the outbox operations the command line offers.
public struct OutboxService {
    let db: Connection

    public init(db: Connection) { self.db = db }

    /// A sender on the desk's SMTP server; `password` nil lets curl read `~/.netrc`.
    public func sender(password: String?, actor: String, clock: @escaping @Sendable () -> Date) throws -> OutboxSender {
        let settings = try SettingsStore(db).values()
        guard let url = settings["mail.smtp_url"] else {
            throw StoreError(.smtpServerNotSet)
        }
        let account: MailAccount
        do { account = try MailAccount(parsing: url) } catch {
            throw MailAccountError(error.reason, setting: "mail.smtp_url")
        }
        let options = MailConnectionOptions(password: password, caFile: settings["mail.ca_file"])
        let helo = settings["mail.domain"] ?? settings["dpo.email"].flatMap { $0.split(separator: "@").last.map(String.init) }
        let smtp = try SMTPClient(account: account, options: options, heloDomain: helo)
        return OutboxSender(db: db, smtp: smtp, actor: actor, clock: clock)
    }

    /// Whether the steps that produce letters queue them by themselves (`mail.auto_send on`).
    public func autoSend() throws -> Bool {
        SettingsStore.isOn(try SettingsStore(db).value("mail.auto_send"))
    }

    /// Every outbox letter (newest first), after turning abandoned `sending` rows into `uncertain`.
    public func list(statuses: [OutboxStatus] = []) throws -> [OutboxEntry] {
        try OutboxStore(db).recoverAbandoned()
        return try OutboxStore(db).list(statuses: statuses)
    }
}

extension OutboxService {
    /// `dsar outbox retry`.
    public func retry(_ id: Int64, now: Date) throws -> OutboxEntry { try OutboxStore(db).retry(id, now: now) }

    /// `dsar outbox cancel`.
    public func cancel(_ id: Int64) throws -> OutboxEntry { try OutboxStore(db).cancel(id) }

    /// `dsar outbox mark-sent`.
    public func markSent(_ id: Int64, actor: String, now: Date) throws -> OutboxEntry {
        try OutboxStore(db).markSent(id, actor: actor, now: now)
    }
}
