import DeskCore
import Foundation
import Postgres

/// The append-only, hash-chained audit log (SPEC §3) in the `events` table.
public struct AuditLog {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Appends one event inside the caller's transaction.
    ///
    /// Locks the chain head so concurrent writers append one after the other; the sequence is
    /// assigned here, so a rolled-back transaction leaves no gap. The lock is held until the
    /// transaction ends, so every other writer waits for this one's commit: call it as the last
    /// step of the transaction, after its other reads and writes. Two round trips: the head
    /// locked and read, then the event inserted and the head moved in one statement. The payload
    /// must not hold personal data: refer to people by id.
    @discardableResult
    public func append(
        requestID: Int64?, occurredAt: Date, recordedAt: Date, actor: String, event: String,
        from: RequestState? = nil, to: RequestState? = nil, payload: [String: PayloadValue] = [:]
    ) throws -> AuditEntry {
        let head = try db.query("SELECT seq, hash FROM audit_head FOR UPDATE")
        guard let row = head.first else { throw StoreError.configuration("The audit log head is missing; run `dsar db migrate`.") }
        let (sequence, hash) = try row.decode((Int64, String).self)
        let draft = AuditEntry(
            sequence: sequence + 1, requestID: requestID, occurredAt: AuditEntry.truncatedToMilliseconds(occurredAt),
            recordedAt: AuditEntry.truncatedToMilliseconds(recordedAt), actor: actor, event: event, fromState: from,
            toState: to, payload: PayloadEncoder.encode(payload), prevHash: hash, hash: "")
        let entry = draft.withComputedHash()
        // The sequence comes from the moved head: were the head missing, seq would be NULL and the
        // insert fail rather than write an event the head does not cover.
        try db.execute(
            """
            WITH moved AS (UPDATE audit_head SET seq = \(entry.sequence), hash = \(entry.hash) RETURNING seq)
            INSERT INTO events (seq, request_id, occurred_at, recorded_at, actor, event, from_state, to_state,
                                payload, prev_hash, hash)
            VALUES ((SELECT seq FROM moved), \(entry.requestID), \(entry.occurredAt), \(entry.recordedAt), \(entry.actor),
                    \(entry.event), \(entry.fromState), \(entry.toState), \(entry.payload), \(entry.prevHash), \(entry.hash))
            """)
        return entry
    }

    /// The result of walking the whole chain.
    public struct Verification: Sendable {
        public let checked: Int
        public let firstBreak: AuditChain.Break?
    }

    /// Walks the chain in order, in pages, and names the first broken row.
    public func verify(pageSize: Int = 5000) throws -> Verification {
        var previous: AuditEntry?
        var checked = 0
        while true {
            let after = previous?.sequence ?? 0
            let page = try db.query(
                """
                SELECT seq, request_id, occurred_at, recorded_at, actor, event, from_state, to_state, payload,
                       prev_hash, hash
                FROM events WHERE seq > \(after) ORDER BY seq LIMIT \(pageSize)
                """
            ).map(Self.entry)
            if page.isEmpty { break }
            if let broken = AuditChain.firstBrokenEntry(in: page, after: previous) {
                return Verification(checked: checked + broken.index, firstBreak: broken)
            }
            checked += page.count
            previous = page.last
        }
        // Deleting the newest rows leaves a valid prefix; the head every append moves says how far the log went.
        if let head = try db.query("SELECT seq, hash FROM audit_head").first {
            let (seq, hash) = try head.decode((Int64, String).self)
            if seq != (previous?.sequence ?? 0) || hash != (previous?.hash ?? AuditEntry.genesisHash) {
                return Verification(
                    checked: checked, firstBreak: AuditChain.Break(index: checked, sequence: seq, reason: .missingTail))
            }
        }
        return Verification(checked: checked, firstBreak: nil)
    }

    /// The events of one request, oldest first.
    public func events(requestID: Int64) throws -> [AuditEntry] {
        try db.query(
            """
            SELECT seq, request_id, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash, hash
            FROM events WHERE request_id = \(requestID) ORDER BY seq
            """
        ).map(Self.entry)
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        let (seq, requestID, occurred, recorded, actor, event, from, to, payload, prev, hash) =
            try row.decode((Int64, Int64?, Date, Date, String, String, RequestState?, RequestState?, String, String, String).self)
        return AuditEntry(
            sequence: seq, requestID: requestID, occurredAt: occurred, recordedAt: recorded, actor: actor, event: event,
            fromState: from, toState: to, payload: payload, prevHash: prev, hash: hash)
    }
}
