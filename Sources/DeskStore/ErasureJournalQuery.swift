public import DeskCore
public import Foundation
public import Postgres

/// The erasure journal for the regulator (`dsar report journal`): every erasure-journal entry
/// recorded in a period, with the request it belongs to and who approved it (seed 002 §11.4).
/// No requester names: the journal says what was destroyed, where, how, by whom and when.
public struct ErasureJournalQuery {
    /// One journal line.
    public struct Line: Sendable, Hashable {
        public let reference: String
        public let policy: String
        public let entry: ErasureJournalEntry
        public let recordedAt: Date
        public let recordedBy: String
    }

    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Entries performed from `from` to `to` (inclusive local dates of the desk), in time order.
    public func lines(from: LocalDate, to: LocalDate) throws -> [Line] {
        let zone = try MonthlyReportQuery(db).deskTimeZone()
        let start = from.startInstant(in: zone)
        let end = to.adding(days: 1).startInstant(in: zone)
        let decoder = LetterStore.evidenceDecoder()
        return try db.query(
            """
            SELECT r.reference, r.policy, e.details::text, e.recorded_at, e.recorded_by
            FROM evidence e JOIN requests r ON r.id = e.request_id
            WHERE e.kind = 'erasure' AND (e.details ->> 'performed_at')::timestamptz >= \(start)
              AND (e.details ->> 'performed_at')::timestamptz < \(end)
            ORDER BY (e.details ->> 'performed_at')::timestamptz, e.id
            """
        ).map { row in
            let (reference, policy, details, recordedAt, recordedBy) = try row.decode((String, String, String, Date, String).self)
            guard case .erasure(let entry)? = try? decoder.decode(Evidence.self, from: Data(details.utf8)) else {
                throw StoreError(.evidenceUnreadable, reference: reference)
            }
            return Line(reference: reference, policy: policy, entry: entry, recordedAt: recordedAt, recordedBy: recordedBy)
        }
    }
}
