import DeskStore
public import Foundation
public import LetterDesk
public import MailIntake
public import MailTransport
public import Postgres

/// One `dsar intake fetch` pass on the desk: the folder's new mail through the intake (with
/// acknowledgements and triage as for `intake import`), delivery reports marking letters
/// bounced, and — with `mail.auto_send` on and an SMTP server set — the outbox sent afterwards.
public struct MailboxFetchJob {
    public struct Configuration {
        public var account: MailAccount
        public var options: MailConnectionOptions
        public var after: MailboxFetcher.AfterStore
        public var dryRun: Bool
        public var policy: String?
        /// Messages fetched and stored per transaction.
        public var batchSize: Int
        /// The SMTP password for the outbox (nil: ~/.netrc).
        public var smtpPassword: String?

        public init(account: MailAccount, options: MailConnectionOptions, after: MailboxFetcher.AfterStore, dryRun: Bool,
                    policy: String?, batchSize: Int = 200, smtpPassword: String?) {
            self.account = account
            self.options = options
            self.after = after
            self.dryRun = dryRun
            self.policy = policy
            self.batchSize = batchSize
            self.smtpPassword = smtpPassword
        }
    }

    /// What a pass did.
    public struct Report {
        public let pass: MailboxFetcher.Pass
        /// Letters marked bounced by delivery reports, by request reference.
        public let bounced: [String]
        /// What the outbox did afterwards (auto_send).
        public let sent: [OutboxSender.Outcome]
        /// The letter settings not set yet, so the new requests got no acknowledgement.
        public let missingLetterSettings: [String]
        /// Why the outbox could not be sent after the pass (auto_send), for the caller to word: a
        /// `StoreError`, a `MailAccountError` (mail.smtp_url) or a `MailTransportError`.
        public let outboxFailure: (any Error)?
    }

    let db: Connection
    let actor: String
    let configuration: Configuration
    let client: IMAPClient

    public init(db: Connection, actor: String, configuration: Configuration) throws {
        self.db = db
        self.actor = actor
        self.configuration = configuration
        client = try IMAPClient(account: configuration.account, options: configuration.options)
    }

    /// Checks the login and the folders at `now` before anything is written.
    public func check(now: Date) throws {
        _ = try fetcher(importer: IntakeImporter(mode: .dryRun(IntakeStore(db)), policy: nil, now: now), clock: { now }).check()
    }

    /// One pass at `now`.
    public func pass(
        now: Date, clock: @escaping @Sendable () -> Date, shouldStop: () -> Bool, progress: ((Int, Int) -> Void)?,
        emit: (IntakeRecord) throws -> Void
    ) throws -> Report {
        if let policy = configuration.policy { _ = try PolicyCatalog(db).load(policy) }
        var missingLetterSettings: [String] = []
        var bounced: [String] = []
        var importer: IntakeImporter
        if configuration.dryRun {
            importer = IntakeImporter(mode: .dryRun(IntakeStore(db)), policy: configuration.policy, now: now)
        } else {
            let acknowledgements = try IntakeAcknowledgements(db: db, actor: actor, now: now)
            missingLetterSettings = acknowledgements.missingSettings
            importer = IntakeImporter(
                mode: .store(IntakeStore(db), actor: actor, now: now, hooks: acknowledgements.hooks),
                policy: configuration.policy, now: now)
            let outbox = OutboxStore(db)
            let actor = self.actor
            importer.onDeliveryReport = { report in
                bounced += try outbox.markBounced(messageIDs: report.messageIDs, reason: report.reason, actor: actor, now: now)
            }
        }
        let pass = try fetcher(importer: importer, clock: clock).run(progress: progress, shouldStop: shouldStop, emit: emit)
        var sent: [OutboxSender.Outcome] = []
        var outboxFailure: (any Error)?
        let service = OutboxService(db: db)
        if !configuration.dryRun, try service.autoSend() {
            do {
                let sender = try service.sender(password: configuration.smtpPassword, actor: actor, clock: clock)
                let due = try sender.dueLetters()
                if !due.isEmpty { sent = try sender.send(due) }
            } catch let error where error is StoreError || error is MailAccountError || error is MailTransportError {
                outboxFailure = error
            }
        }
        return Report(
            pass: pass, bounced: bounced, sent: sent, missingLetterSettings: missingLetterSettings, outboxFailure: outboxFailure)
    }

    private func fetcher(importer: IntakeImporter, clock: @escaping @Sendable () -> Date) -> MailboxFetcher {
        var fetcher = MailboxFetcher(
            client: client, importer: importer, folders: configuration.dryRun ? nil : MailFolderStore(db),
            after: configuration.dryRun ? .leave : configuration.after, clock: clock)
        fetcher.batchSize = configuration.batchSize
        return fetcher
    }
}
