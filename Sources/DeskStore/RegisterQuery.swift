public import DeskCore
import Foundation
public import Postgres

/// One request as the register shows it (`dsar report register`). Dates are local to the desk.
public struct RegisterEntry: Sendable, Equatable {
    public var reference: String
    public var right: Right
    public var policy: String
    public var channel: Channel
    public var received: LocalDate
    /// The due date before any extension.
    public var due: LocalDate
    /// The due date in force when it differs from `due` because of an extension; nil otherwise.
    public var extendedDue: LocalDate?
    public var closed: LocalDate?
    /// The closing state; nil while open.
    public var outcome: RequestState?
    public var ground: String?
    /// Closed on or before the due date in force; nil while open.
    public var onTime: Bool?
    public var assignee: String?
    /// Only read when contacts are asked for.
    public var requesterName: String?
    public var requesterEmail: String?
}

/// Reads the register: every request received in a range of local dates, oldest first.
///
/// Rows come through a server-side cursor in batches, so a register of a million requests is
/// never held in memory at once and costs one round trip per batch, not per row.
public struct RegisterQuery {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Rows per FETCH.
    static let batchSize = 5000

    /// Calls `body` with each batch of entries received from `from` to `to` (local dates,
    /// inclusive; nil = unbounded). Requester contacts are read only when `includeContacts`.
    public func forEachBatch(
        from: LocalDate?, to: LocalDate?, includeContacts: Bool,
        _ body: ([RegisterEntry]) throws -> Void
    ) throws {
        try db.withTransaction(.repeatableRead) { db in
            let zone = try MonthlyReportQuery(db).deskTimeZone().identifier
            // Bounds as instants in the desk's zone, so the range uses requests_by_received.
            let start: Query = from.map { "r.received_at >= \($0)::date::timestamp AT TIME ZONE \(zone)" } ?? "true"
            let end: Query = to.map { "r.received_at < (\($0)::date + 1)::timestamp AT TIME ZONE \(zone)" } ?? "true"
            try db.execute(
                """
                DECLARE dsar_register NO SCROLL CURSOR FOR
                SELECT r.reference, r.kind, r.policy, r.channel,
                       (r.received_at AT TIME ZONE \(zone))::date, r.original_due_on,
                       CASE WHEN r.extended_by IS NOT NULL THEN r.due_on END,
                       (r.closed_at AT TIME ZONE \(zone))::date,
                       CASE WHEN r.closed_at IS NOT NULL THEN r.state END, r.ground,
                       CASE WHEN r.closed_at IS NOT NULL THEN (r.closed_at AT TIME ZONE \(zone))::date <= r.due_on END,
                       r.assignee,
                       CASE WHEN \(includeContacts) THEN q.name END, CASE WHEN \(includeContacts) THEN q.email END
                FROM requests r JOIN requesters q ON q.id = r.requester_id
                WHERE \(fragment: start) AND \(fragment: end)
                ORDER BY r.received_at, r.id
                """)
            while true {
                // FETCH takes no parameters: the batch size is a literal (Self.batchSize).
                let rows = try db.query("FETCH FORWARD 5000 FROM dsar_register")
                if rows.count == 0 { break }
                try body(try rows.map(Self.entry))
                if rows.count < Self.batchSize { break }
            }
            try db.execute("CLOSE dsar_register")
        }
    }

    static func entry(_ row: Row) throws -> RegisterEntry {
        let (reference, right, policy, channel, received, due, extendedDue) =
            try row.decode((String, Right, String, Channel, LocalDate, LocalDate, LocalDate?).self)
        return RegisterEntry(
            reference: reference, right: right, policy: policy, channel: channel, received: received, due: due,
            extendedDue: extendedDue,
            closed: try row.decode(column: 7), outcome: try row.decode(column: 8), ground: try row.decode(column: 9),
            onTime: try row.decode(column: 10), assignee: try row.decode(column: 11),
            requesterName: try row.decode(column: 12), requesterEmail: try row.decode(column: 13))
    }
}
