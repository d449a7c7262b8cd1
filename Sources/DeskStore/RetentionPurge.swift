public import DeskCore
public import Foundation
public import Postgres

/// The desk's own retention rule (issue 9 §7): personal data of requesters whose requests all
/// closed before a date is anonymised, while the statistics and the audit chain stay.
///
/// A requester qualifies when every one of their requests is closed before the cut-off (the
/// start of that date in the desk's time zone) and they are not anonymised yet. For them:
/// name → "anonymised", email and phone → NULL; the raw messages and their sender and subject;
/// letter bodies, subjects and recipients (each letter's SHA-256 and verification code stay, so
/// `dsar letter verify` still answers); and the free text of their requests (details, closing
/// note), clarification questions and inbox resolutions. States, dates, kinds, evidence and the
/// `events` table are never touched; the purge itself is one `retention_purge` event with counts.
public struct RetentionPurge {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The settings key holding how many years requester data is kept after closing.
    public static let retentionSetting = "retention.years"
    /// Years kept when the setting is absent.
    public static let defaultRetentionYears = 3
    /// What a purged requester's name becomes (also what a purged question reads).
    public static let anonymisedName = "anonymised"

    /// How many rows of each kind were (or, in a dry run, would be) purged.
    public struct Counts: Sendable, Equatable {
        public var requesters = 0
        public var requests = 0
        public var messages = 0
        public var letters = 0
        public var clarifications = 0
        public var inboxItems = 0

        public init() {}

        /// Whether there was nothing to purge.
        public var isEmpty: Bool { self == Counts() }
    }

    /// The outcome of one purge.
    public struct Result: Sendable, Equatable {
        public let closedBefore: LocalDate
        public let counts: Counts
        public let dryRun: Bool
    }

    /// The default cut-off: today in the desk's time zone minus `retention.years` (3) years.
    public func defaultCutoff(now: Date) throws -> LocalDate {
        let years = Int(try SettingsStore(db).value(Self.retentionSetting) ?? "") ?? Self.defaultRetentionYears
        let today = LocalDate(now, in: try MonthlyReportQuery(db).deskTimeZone())
        return today.adding(months: -12 * years)
    }

    /// Anonymises what the rule allows for requests closed before `closedBefore` (default:
    /// `defaultCutoff`) in one transaction; with `dryRun` the same work is rolled back, so the
    /// counts are exactly those a real run would report. Refuses a date after today.
    public func purge(closedBefore: LocalDate?, dryRun: Bool, actor: String, now: Date) throws -> Result {
        let zone = try MonthlyReportQuery(db).deskTimeZone()
        let today = LocalDate(now, in: zone)
        let cutoff = try closedBefore ?? defaultCutoff(now: now)
        guard cutoff <= today else {
            throw StoreError(.purgeDateInFuture, value: today.iso, day: cutoff)
        }
        do {
            return try db.withTransaction { db in
                let counts = try Self.anonymise(db, cutoff: cutoff, zone: zone.identifier, now: now)
                if dryRun { throw DryRun(counts: counts) }
                if !counts.isEmpty {
                    try AuditLog(db).append(
                        .retentionPurge(closedBefore: cutoff, counts: [
                            "requesters": counts.requesters, "requests": counts.requests, "messages": counts.messages,
                            "letters": counts.letters, "clarifications": counts.clarifications,
                            "inbox_items": counts.inboxItems,
                        ]),
                        requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
                }
                return Result(closedBefore: cutoff, counts: counts, dryRun: false)
            }
        } catch let dryRun as DryRun {
            return Result(closedBefore: cutoff, counts: dryRun.counts, dryRun: true)
        }
    }

    /// Thrown to roll a dry run back, carrying its counts out of the transaction.
    private struct DryRun: Error { let counts: Counts }

    /// The requesters to purge: not yet anonymised, with requests, all of them closed before the
    /// cut-off. Their rows are locked first, so no request is added to them meanwhile.
    private static func targets(cutoff: LocalDate, zone: String) -> Query {
        """
        SELECT q.id FROM requesters q
        WHERE q.anonymised_at IS NULL
          AND EXISTS (SELECT FROM requests r WHERE r.requester_id = q.id)
          AND NOT EXISTS (SELECT FROM requests r WHERE r.requester_id = q.id
                          AND (r.closed_at IS NULL OR r.closed_at >= \(cutoff)::date::timestamp AT TIME ZONE \(zone)))
        """
    }

    private static func anonymise(_ db: Connection, cutoff: LocalDate, zone: String, now: Date) throws -> Counts {
        let targets = targets(cutoff: cutoff, zone: zone)
        try db.query(targets + " FOR UPDATE OF q")
        let purged: Query = "(SELECT r.id FROM requests r WHERE r.requester_id IN (" + targets + "))"
        var counts = Counts()
        counts.letters = try db.execute(
            "UPDATE letters SET body = NULL, subject = NULL, recipient = NULL WHERE request_id IN " + purged)
        counts.clarifications = try db.execute(
            "UPDATE clarifications SET question = \(anonymisedName) WHERE request_id IN " + purged)
        counts.inboxItems = try db.execute(
            "UPDATE inbox_items SET resolution = NULL WHERE request_id IN " + purged)
        counts.messages = try db.execute(
            "UPDATE messages SET raw = NULL, from_name = NULL, from_email = NULL, subject = NULL WHERE request_id IN "
                + purged + " OR id IN (SELECT r.message_id FROM requests r WHERE r.id IN " + purged + ")")
        counts.requests = try db.execute(
            "UPDATE requests SET details = NULL, close_note = NULL WHERE id IN " + purged)
        counts.requesters = try db.execute(
            "UPDATE requesters SET name = \(anonymisedName), email = NULL, phone = NULL, anonymised_at = \(now) WHERE id IN ("
                + targets + ")")
        return counts
    }
}
