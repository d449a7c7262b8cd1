public import DeskCore
public import Foundation
public import Postgres

/// The outbox of letters sent over SMTP (SPEC §6), in the `outbox` table.
///
/// The guarantee is "never twice by accident": a sender takes the session advisory lock of the
/// row, commits `sending`, talks to the server, then commits `sent` (or the failure) and lets
/// the lock go. A row found `sending` whose lock nobody holds belonged to a sender that died in
/// the dialogue: it becomes `uncertain`, and only a person resends it or marks it sent.
public struct OutboxStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The advisory-lock class of outbox rows (the second key is the row id).
    static let lockClass: Int32 = 0x4F42_5831 // "OBX1"

    static let select: Query = """
        SELECT o.id, o.letter_id, o.request_id, r.reference, l.kind, o.status, o.recipient, o.message_id, o.attempts,
               o.next_attempt_at, o.queued_at, o.last_attempt_at, o.sent_at, o.server_reply, o.bounced_at, o.bounce_reason
        FROM outbox o JOIN requests r ON r.id = o.request_id JOIN letters l ON l.id = o.letter_id
        """

    static func entry(_ row: Row) throws -> OutboxEntry {
        let (id, letterID, requestID, reference, kind, status, recipient, messageID) =
            try row.decode((Int64, Int64, Int64, String, String, OutboxStatus, String?, String).self)
        return OutboxEntry(
            id: id, letterID: letterID, requestID: requestID, reference: reference, kind: kind, status: status,
            recipient: recipient, messageID: messageID, attempts: try row.decode(column: 8),
            nextAttemptAt: try row.decode(column: 9), queuedAt: try row.decode(column: 10),
            lastAttemptAt: try row.decode(column: 11), sentAt: try row.decode(column: 12),
            serverReply: try row.decode(column: 13), bouncedAt: try row.decode(column: 14),
            bounceReason: try row.decode(column: 15))
    }

    // MARK: Queueing

    /// Puts a produced `.eml` letter in the outbox, in the caller's transaction: from the DPO's
    /// address (`dpo.email`) to the requester's, with the message exactly as produced.
    @discardableResult
    public func queue(letterID: Int64, message: [UInt8], actor: String, now: Date) throws -> Int64 {
        let rows = try db.query(
            """
            INSERT INTO outbox (letter_id, request_id, status, sender, recipient, message, message_id, next_attempt_at,
                                queued_at, queued_by)
            SELECT l.id, l.request_id, 'queued', s.value, q.email, \(PostgresBytes(message)), l.message_id, \(now),
                   \(now), \(actor)
            FROM letters l JOIN requests r ON r.id = l.request_id JOIN requesters q ON q.id = r.requester_id
                 JOIN settings s ON s.key = 'dpo.email'
            WHERE l.id = \(letterID) AND l.format = 'eml' AND l.message_id IS NOT NULL AND q.email IS NOT NULL
              AND l.kind <> 'recipient_notification'
            RETURNING id
            """)
        guard let row = rows.first else {
            throw StoreError(.letterNotSendable)
        }
        return try row.decode(column: 0)
    }

    // MARK: Listing

    /// Every letter of the outbox, newest first; `statuses` narrows it.
    public func list(statuses: [OutboxStatus] = [], limit: Int = 200) throws -> [OutboxEntry] {
        let wanted = PostgresTextArray(statuses.map(\.rawValue))
        return try db.query(
            Self.select + " WHERE (cardinality(\(wanted)::text[]) = 0 OR o.status = ANY (\(wanted)::text[])) ORDER BY o.id DESC LIMIT \(limit)"
        ).map(Self.entry)
    }

    /// One letter of the outbox.
    public func find(_ id: Int64) throws -> OutboxEntry {
        guard let row = try db.query(Self.select + " WHERE o.id = \(id)").first else {
            throw StoreError(.outboxLetterNotFound, id: id)
        }
        return try Self.entry(row)
    }

    /// Queued letters whose time has come, oldest first.
    public func due(at now: Date, limit: Int = 10_000) throws -> [Int64] {
        try db.query(
            """
            SELECT id FROM outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
            ORDER BY next_attempt_at NULLS FIRST, id LIMIT \(limit)
            """
        ).map { try $0.decode(column: 0) }
    }

    /// Turns every `sending` row whose sender is gone into `uncertain`; returns how many.
    @discardableResult
    public func recoverAbandoned() throws -> Int {
        try db.execute(
            """
            UPDATE outbox SET status = 'uncertain',
                   server_reply = coalesce(server_reply, 'the sender stopped during the SMTP dialogue')
            WHERE status = 'sending' AND pg_try_advisory_xact_lock(\(Self.lockClass), id::integer)
            """)
    }

    // MARK: One try

    /// Claims queued letters for a try: takes each one's advisory lock on this session and
    /// commits `sending` for all of them in one transaction. Letters not queued, or held by
    /// another sender, are left out.
    public func claim(_ ids: [Int64], now: Date) throws -> [OutboxDelivery] {
        var locked: [Int64] = []
        for id in ids where try tryLock(id) { locked.append(id) }
        guard !locked.isEmpty else { return [] }
        do {
            let rows = try db.withTransaction { db in
                try db.query(
                    """
                    UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, last_attempt_at = \(now)
                    FROM requests r
                    WHERE o.id = ANY (\(PostgresTextArray(locked.map(String.init)))::bigint[]) AND o.status = 'queued'
                      AND r.id = o.request_id AND o.recipient IS NOT NULL AND o.message IS NOT NULL
                    RETURNING o.id, o.letter_id, o.request_id, r.reference, o.sender, o.recipient, o.message, o.attempts
                    """)
            }
            var deliveries: [Int64: OutboxDelivery] = [:]
            for row in rows {
                let (rowID, letterID, requestID, reference, sender, recipient, message, attempt) =
                    try row.decode((Int64, Int64, Int64, String, String, String, PostgresBytes, Int).self)
                deliveries[rowID] = OutboxDelivery(
                    id: rowID, letterID: letterID, requestID: requestID, reference: reference, sender: sender,
                    recipient: recipient, message: message.bytes, attempt: attempt)
            }
            for id in locked where deliveries[id] == nil { try unlock(id) }
            return locked.compactMap { deliveries[$0] }
        } catch {
            for id in locked { try? unlock(id) }
            throw error
        }
    }

    /// What the server said to a try.
    public enum TryResult: Sendable, Hashable {
        /// Accepted: the reply (`250 …`).
        case accepted(String)
        /// Refused for now (4xx): try again at the date, or give up (nil).
        case temporary(String, nextAttempt: Date?)
        /// Refused for good (5xx).
        case permanent(String)
        /// The dialogue broke after the message may have been handed over.
        case uncertain(String)
        /// Nothing was handed over (no connection, a login refused): back to the queue untouched.
        case notAttempted(String)
    }

    /// Records the end of each try in one transaction and releases the letters' locks.
    /// `accepted` appends `letter_sent`.
    public func finish(_ tries: [(OutboxDelivery, TryResult)], actor: String, now: Date) throws {
        defer { for (delivery, _) in tries { try? unlock(delivery.id) } }
        guard !tries.isEmpty else { return }
        try db.withTransaction { db in
            for (delivery, result) in tries { try Self.record(db, delivery, result, actor: actor, now: now) }
        }
    }

    private static func record(_ db: Connection, _ delivery: OutboxDelivery, _ result: TryResult, actor: String, now: Date) throws {
        switch result {
        case .accepted(let reply):
            try db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = \(now), server_reply = \(reply), next_attempt_at = NULL WHERE id = \(delivery.id)")
            try appendEvent(db, requestID: delivery.requestID, actor: actor, now: now) { state in
                .letterSent(letterID: delivery.letterID, outboxID: delivery.id, attempt: delivery.attempt,
                            replyCode: replyCode(reply), state: state)
            }
        case .temporary(let reply, let next):
            if let next {
                try db.execute(
                    "UPDATE outbox SET status = 'queued', server_reply = \(reply), next_attempt_at = \(next) WHERE id = \(delivery.id)")
            } else {
                try db.execute(
                    "UPDATE outbox SET status = 'failed', server_reply = \(reply), next_attempt_at = NULL WHERE id = \(delivery.id)")
            }
        case .permanent(let reply):
            try db.execute(
                "UPDATE outbox SET status = 'failed', server_reply = \(reply), next_attempt_at = NULL WHERE id = \(delivery.id)")
        case .uncertain(let reason):
            try db.execute("UPDATE outbox SET status = 'uncertain', server_reply = \(reason) WHERE id = \(delivery.id)")
        case .notAttempted(let reason):
            try db.execute(
                "UPDATE outbox SET status = 'queued', attempts = attempts - 1, server_reply = \(reason) WHERE id = \(delivery.id)")
        }
    }

    // MARK: A person's decisions

    /// Puts a failed, bounced, uncertain or cancelled letter back in the queue, due now.
    public func retry(_ id: Int64, now: Date) throws -> OutboxEntry {
        try decide(id, allowed: OutboxStatus.allCases.filter(\.isRetryable), verb: "retried") { db in
            try db.execute(
                "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = \(now) WHERE id = \(id)")
        }
    }

    /// Takes a letter that has not gone out out of the outbox.
    public func cancel(_ id: Int64) throws -> OutboxEntry {
        try decide(id, allowed: [.queued, .failed, .uncertain], verb: "cancelled") { db in
            try db.execute("UPDATE outbox SET status = 'cancelled', next_attempt_at = NULL WHERE id = \(id)")
        }
    }

    /// Records that an uncertain letter did go out (the DPO checked the server or the recipient).
    public func markSent(_ id: Int64, actor: String, now: Date) throws -> OutboxEntry {
        try decide(id, allowed: [.uncertain], verb: "marked sent") { db in
            let reply = "marked sent by \(actor)"
            guard let row = try db.query(
                "UPDATE outbox SET status = 'sent', sent_at = \(now), server_reply = \(reply) WHERE id = \(id) RETURNING request_id, letter_id"
            ).first else { return }
            let (requestID, letterID) = try row.decode((Int64, Int64).self)
            try Self.appendEvent(db, requestID: requestID, actor: actor, now: now) { state in
                .letterSent(letterID: letterID, outboxID: id, attempt: nil, replyCode: nil, markedByHand: true, state: state)
            }
        }
    }

    // MARK: Bounces

    /// Marks the sent letters with these Message-IDs `bounced` and appends `letter_bounced` to
    /// each; returns the references of their requests.
    @discardableResult
    public func markBounced(messageIDs: [String], reason: String, actor: String, now: Date) throws -> [String] {
        guard !messageIDs.isEmpty else { return [] }
        let ids = PostgresTextArray(messageIDs)
        let rows = try db.query(
            """
            UPDATE outbox o SET status = 'bounced', bounced_at = \(now), bounce_reason = \(String(reason.prefix(500)))
            FROM requests r
            WHERE o.message_id = ANY (\(ids)::text[]) AND o.status IN ('sent', 'uncertain') AND r.id = o.request_id
            RETURNING o.id, o.request_id, o.letter_id, r.reference
            """)
        var references: [String] = []
        for row in rows {
            let (id, requestID, letterID, reference) = try row.decode((Int64, Int64, Int64, String).self)
            try Self.appendEvent(db, requestID: requestID, actor: actor, now: now) { state in
                .letterBounced(letterID: letterID, outboxID: id, state: state)
            }
            references.append(reference)
        }
        return references
    }

    // MARK: -

    private func decide(_ id: Int64, allowed: [OutboxStatus], verb: String, _ change: (Connection) throws -> Void) throws -> OutboxEntry {
        try db.withTransaction { db in
            try OutboxStore(db).recoverAbandoned()
            guard let row = try db.query("SELECT status FROM outbox WHERE id = \(id) FOR UPDATE").first else {
                throw StoreError(.outboxLetterNotFound, id: id)
            }
            let status: OutboxStatus = try row.decode(column: 0)
            guard allowed.contains(status) else {
                throw StoreError(
                    .outboxLetterWrongStatus, name: verb, value: status.rawValue, id: id,
                    detail: allowed.map(\.rawValue).joined(separator: ", "))
            }
            try change(db)
            return try OutboxStore(db).find(id)
        }
    }

    private static func appendEvent(
        _ db: Connection, requestID: Int64, actor: String, now: Date, _ event: (RequestState) -> AuditEvent
    ) throws {
        guard let row = try db.query("SELECT state FROM requests WHERE id = \(requestID) FOR SHARE").first else {
            throw StoreError(.outboxRequestMissing)
        }
        let state: RequestState = try row.decode(column: 0)
        try AuditLog(db).append(event(state), requestID: requestID, occurredAt: now, recordedAt: now, actor: actor)
    }

    private static func replyCode(_ reply: String) -> Int {
        let digits = reply.prefix(3)
        return digits.count == 3 ? Int(digits) ?? 0 : 0
    }

    private func tryLock(_ id: Int64) throws -> Bool {
        guard let row = try db.query("SELECT pg_try_advisory_lock(\(Self.lockClass), \(Int32(truncatingIfNeeded: id)))").first else {
            return false
        }
        return try row.decode(column: 0)
    }

    private func unlock(_ id: Int64) throws {
        _ = try db.query("SELECT pg_advisory_unlock(\(Self.lockClass), \(Int32(truncatingIfNeeded: id)))")
    }
}
