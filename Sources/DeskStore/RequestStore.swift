public import DeskCore
public import Foundation
public import Postgres

/// Requests and their lifecycle in PostgreSQL: every change is one transaction that checks the
/// transition and gate (DeskCore), writes the new state and due date, and appends the audit event.
/// A transaction the server aborts for a deadlock or serialization failure is run again, at most
/// three times in all; a stale write (someone else changed the request) is not retried.
public struct RequestStore {
    let db: Connection
    /// The policies this instance has read; see `PolicyCatalog.Cache`.
    let policies: PolicyCatalog.Cache

    public init(_ db: Connection) { self.db = db; self.policies = PolicyCatalog.Cache() }

    init(_ db: Connection, policies: PolicyCatalog.Cache) { self.db = db; self.policies = policies }

    var catalog: PolicyCatalog { PolicyCatalog(db, cache: policies) }

    // MARK: Reading

    /// Finds a request by its reference (`DSAR-2026-000123`, case-insensitive).
    ///
    /// With `locked`, inside a transaction, the row is read `FOR NO KEY UPDATE` (the lock an audit
    /// append takes on the row, so that taking it later cannot deadlock): a change to the request
    /// by another desk member waits until this transaction ends (or this read waits for theirs
    /// and sees its result), so what is written from this read — a letter and its event — comes
    /// in the audit log in the same order as the request's state changes.
    public func find(_ reference: String, locked: Bool = false) throws -> StoredRequest {
        guard let parsed = RequestReference(reference) else {
            throw StoreError(.invalidReference, value: reference)
        }
        let reference = parsed.description
        let found = locked
            ? try db.rows(RequestRow.ByReferenceLocked(reference: reference))
            : try db.rows(RequestRow.ByReference(reference: reference))
        guard let request = found.first else {
            throw StoreError(.requestNotFound, reference: parsed.description)
        }
        return request
    }

    /// Finds a request by its id.
    public func find(id: Int64) throws -> StoredRequest {
        guard let request = try db.rows(RequestRow.ByID(id: id)).first else {
            throw StoreError(.requestIDNotFound, id: id)
        }
        return request
    }

    // MARK: Creating

    /// Registers a request with its requester, computes its due date and appends the audit event.
    public func create(_ new: NewRequest, actor: String, now: Date) throws -> StoredRequest {
        try db.withRetryingTransaction { db in try RequestStore(db, policies: policies).insert(new, actor: actor, now: now) }
    }

    /// Registers a request inside the caller's transaction, like `create`.
    ///
    /// The intake uses it to store a message and its sibling requests (one `caseID`) atomically,
    /// and the inbox to convert a message into a request.
    public func insert(_ new: NewRequest, actor: String, now: Date) throws -> StoredRequest {
        let entry = try catalog.load(try new.policy ?? catalog.defaultCode())
        return try insert(new, entry: entry, actor: actor, now: now)
    }

    /// `insert` with the policy already loaded: `entry` is the policy `new.policy` names (or the
    /// default one). The intake loads it once per batch of messages instead of once per request.
    public func insert(_ new: NewRequest, entry: PolicyCatalog.Entry, actor: String, now: Date) throws -> StoredRequest {
        guard let rule = entry.policy.rule(for: new.kind, consentWithdrawal: new.consentWithdrawal) else {
            throw StoreError(.noDeadlineRule, right: new.kind, policy: entry.policy.code)
        }
        let due = DeadlineEngine.dueDate(
            receivedAt: new.receivedAt, rule: rule, timeZone: entry.timeZone, calendar: entry.calendar)
        let year = LocalDate(new.receivedAt, in: entry.timeZone).year
        let sequence: Int = try db.returned(
            """
            INSERT INTO reference_counters (year, last_value) VALUES (\(year), 1)
            ON CONFLICT (year) DO UPDATE SET last_value = reference_counters.last_value + 1
            RETURNING last_value
            """, "reference number for \(year)")
        guard let reference = RequestReference(year: year, sequence: sequence) else {
            throw StoreError(.referencesExhausted, count: year)
        }
        let caseID: Int64
        if let existing = new.caseID {
            caseID = existing
        } else {
            caseID = try db.returned("INSERT INTO cases DEFAULT VALUES RETURNING id", "id of the new case")
        }
        let requesterID: Int64 = try db.returned(
            """
            INSERT INTO requesters (name, email, phone, language, created_at)
            VALUES (\(new.requesterName), \(new.email), \(new.phone), \(new.language), \(now)) RETURNING id
            """, "id of the new requester")
        let inserted = try db.query(
            """
            INSERT INTO requests (reference, case_id, kind, policy, requester_id, channel, details, direct_marketing,
                                  consent_withdrawal, message_id, received_at, due_on, original_due_on,
                                  updated_at, updated_by)
            VALUES (\(reference.description), \(caseID), \(new.kind), \(entry.policy.code), \(requesterID),
                    \(new.channel), \(new.details), \(new.directMarketing), \(new.consentWithdrawal), \(new.messageID),
                    \(new.receivedAt), \(due), \(due), \(now), \(actor))
            RETURNING id, nextval('events_seq_seq')
            """
        ).first
        guard let inserted else { throw StoreError(.nothingReturned, name: "id of the new request") }
        let (requestID, eventSequence) = try inserted.decode((Int64, Int64).self)
        let head = AuditLog.ChainHead.newRequest(requestID, sequence: eventSequence)
        if let messageID = new.messageID {
            try db.execute("UPDATE messages SET request_id = coalesce(request_id, \(requestID)) WHERE id = \(messageID)")
        }
        let created = try find(id: requestID)
        try AuditLog(db).append(
            .received(
                reference: reference.description, kind: new.kind, policy: entry.policy.code, channel: new.channel,
                requesterID: requesterID, caseID: caseID, dueOn: due, source: rule.source),
            at: head, occurredAt: new.receivedAt, recordedAt: now, actor: actor)
        return created
    }

    // MARK: Lifecycle

    /// The outcome of one applied action.
    public struct Applied: Sendable {
        public let request: StoredRequest
        public let outcome: LifecycleOutcome
    }

    /// Applies a lifecycle event or an extension, in one transaction, refusing a stale write.
    ///
    /// `occurredAt` is when it happened (`--at` backdates); `now` is when it is recorded.
    ///
    /// `alongside` runs inside the same transaction once the change is written — the letter a
    /// step requires (identity request, clarification, extension notice) is produced there, so
    /// the step and its letter are stored together or not at all.
    public func apply(
        _ action: LifecycleAction, to reference: String, actor: String, occurredAt: Date, now: Date,
        alongside: ((Connection, Applied) throws -> Void)? = nil
    ) throws -> Applied {
        try db.withRetryingTransaction { db in
            let store = RequestStore(db, policies: policies)
            // One round trip with the BEGIN: the row, its evidence and pauses.
            let (request, facts, headRow) = try store.findForChange(reference)
            try Self.checkOccurredAt(occurredAt, request: request)
            let entry = try store.catalog.load(request.policy)
            var completedPauses = facts.completedPauses
            var lifecycle = RequestLifecycle(try store.snapshot(of: request, entry: entry, facts: facts, now: now))
            let today = LocalDate(occurredAt, in: entry.timeZone)
            let outcome: LifecycleOutcome
            do throws(LifecycleError) {
                outcome = try lifecycle.apply(action, today: today)
            } catch {
                throw StoreError(.lifecycleRefused, reference: request.reference, state: error.state, lifecycle: error)
            }

            // The clock: open or close a pause, then recompute the due date from receipt.
            var pausedSince = request.pausedSince
            if outcome.clock == .pause {
                try db.execute(
                    "INSERT INTO clock_pauses (request_id, reason, started_at) VALUES (\(request.id), \(outcome.to.rawValue), \(occurredAt))")
                pausedSince = occurredAt
            } else if request.pausedSince != nil && !outcome.to.isAwaiting {
                // The pause just ended counts towards the due date computed below.
                completedPauses += try db.query(
                    """
                    UPDATE clock_pauses SET ended_at = \(occurredAt) WHERE request_id = \(request.id) AND ended_at IS NULL
                    RETURNING started_at, ended_at
                    """
                ).map { row -> (from: Date, to: Date?) in
                    let (from, to) = try row.decode((Date, Date?).self)
                    return (from: from, to: to)
                }
                pausedSince = nil
            }
            let extendedBy = outcome.extendedBy ?? request.extendedBy
            let due = store.dueDate(of: request, entry: entry, extendedBy: extendedBy, completedPauses: completedPauses, now: now)
            let closedAt: Date? = outcome.to.isClosed ? (request.closedAt ?? occurredAt) : nil
            let note: String? = outcome.to.isClosed ? (outcome.note ?? request.closeNote) : request.closeNote
            let ground = outcome.ground ?? request.ground

            var extensionPeriod: Period?
            if case .extend(let period, let reason, let decidedBy) = action {
                extensionPeriod = period
                try store.recordExtensionReason(request.id, reason: reason, period: outcome.extendedBy, occurredAt: occurredAt, now: now, actor: actor)
                if let decidedBy {
                    try db.execute(
                        """
                        UPDATE extensions SET decided_by = \(decidedBy)
                        WHERE id = (SELECT max(id) FROM extensions WHERE request_id = \(request.id))
                        """)
                }
            }
            // The clarification letter quotes the question (SQL/0030_letters.sql).
            if case .event(_, .legalObligationToRetain?, _, let retention?) = action, outcome.to.isClosed {
                try db.execute(
                    """
                    INSERT INTO refusal_retentions (request_id, law, period, recorded_at)
                    VALUES (\(request.id), \(retention.law), \(retention.period), \(now))
                    ON CONFLICT (request_id) DO UPDATE SET law = excluded.law, period = excluded.period, recorded_at = excluded.recorded_at
                    """)
            }
            if case .event(.clarify, _, let question?, _) = action {
                try LetterStore(db).recordClarification(
                    requestID: request.id, question: question, askedAt: occurredAt, actor: actor, now: now)
            }
            // The change and its event in one statement, chained to the head read with the request.
            let log = AuditLog(db)
            let head = try log.head(requestID: request.id, row: headRow, from: RequestRow.count)
            let event = log.entry(
                .transition(
                    outcome.event, from: outcome.from, to: outcome.to, dueOn: due, previousDueOn: request.dueOn,
                    ground: outcome.ground, extendedBy: extensionPeriod, extendedTotal: extendedBy, clock: outcome.clock),
                at: head, occurredAt: occurredAt, recordedAt: now, actor: actor)
            let write = Transition(
                state: outcome.to, dueOn: due, extendedBy: extendedBy?.description, pausedSince: pausedSince, closedAt: closedAt,
                ground: ground, closeNote: note, now: now, actor: actor, id: request.id, version: request.version, event: event,
                head: head)
            // Without a letter to produce, with the seal lock's attempt in the same round trip.
            let written = alongside == nil
                ? try log.writeSealingAlongside(.init(write), now: now).map(write.decodeRow) : try db.rows(write)
            guard let stored = written.first else { throw try store.lostRace(request) }
            let changed = request.transitioned(
                state: outcome.to, dueOn: due, extendedBy: extendedBy, pausedSince: stored.pausedSince, closedAt: stored.closedAt,
                ground: ground, closeNote: note, version: stored.version, updatedAt: stored.updatedAt, updatedBy: actor)
            let applied = Applied(request: changed, outcome: outcome)
            if let alongside {
                AuditLog.sealedAlongside.clear(db)
                try alongside(db, applied)
                try log.sealAlongside(now: now)
            }
            return applied
        }
    }

    /// A lifecycle step's write: the new state, clock and closing fields of a request still at
    /// `version` whose chain head has not moved since it was read, and the step's event
    /// (`AuditLog.ChainedWrite` from `$12`), in one statement; returns the request's new version
    /// and its instants as stored (no row: someone else changed the request or its chain meanwhile, and
    /// nothing was written).
    struct Transition: Statement {
        static let chained = AuditLog.ChainedWrite(first: 12)
        static let sql = """
            WITH changed AS (
                UPDATE requests r
                SET state = $1, due_on = $2, extended_by = $3, paused_since = $4, closed_at = $5, ground = $6, close_note = $7,
                    version = r.version + 1, updated_at = $8, updated_by = $9,
            """ + " " + chained.setHead + """

                WHERE r.id = $10 AND r.version = $11 AND
            """ + " " + chained.headUnmoved + " " + AuditLog.ChainedWrite.returning + "), " + chained.insertAppended
            + " SELECT version, updated_at, paused_since, closed_at FROM changed"

        let state: RequestState
        let dueOn: LocalDate
        let extendedBy: String?
        let pausedSince: Date?
        let closedAt: Date?
        let ground: RefusalGround?
        let closeNote: String?
        let now: Date
        let actor: String
        let id: Int64
        let version: Int
        let event: AuditEntry
        let head: AuditLog.ChainHead

        func makeBindings() -> [PostgresBinding] {
            [
                state.postgresBinding, dueOn.postgresBinding, extendedBy.postgresBinding, pausedSince.postgresBinding,
                closedAt.postgresBinding, ground.postgresBinding, closeNote.postgresBinding, now.postgresBinding,
                actor.postgresBinding, id.postgresBinding, version.postgresBinding,
            ] + AuditLog.ChainedWrite.bindings(event, after: head)
        }

        func decodeRow(_ row: Postgres.Row) throws -> (version: Int, updatedAt: Date, pausedSince: Date?, closedAt: Date?) {
            try row.decode((Int, Date, Date?, Date?).self)
        }
    }

    /// Records evidence on an open request (SPEC §3 gates), audited without its details.
    @discardableResult
    public func record(_ evidence: Evidence, on reference: String, actor: String, occurredAt: Date, now: Date) throws -> Int64 {
        try db.withRetryingTransaction { db in
            let store = RequestStore(db, policies: policies)
            let (request, facts, _) = try store.findForChange(reference)
            try Self.checkOccurredAt(occurredAt, request: request)
            let entry = try store.catalog.load(request.policy)
            var lifecycle = RequestLifecycle(try store.snapshot(of: request, entry: entry, facts: facts, now: now))
            do throws(LifecycleError) {
                try lifecycle.record(evidence)
            } catch {
                throw StoreError(.lifecycleRefused, reference: request.reference, state: error.state, lifecycle: error)
            }
            let details = try PayloadEncoder.encode(encodable: evidence)
            let evidenceID: Int64 = try db.returned(
                """
                INSERT INTO evidence (request_id, kind, details, occurred_at, recorded_at, recorded_by)
                VALUES (\(request.id), \(evidence.kind), \(details)::jsonb, \(occurredAt), \(now), \(actor)) RETURNING id
                """, "id of the new evidence")
            let written = try db.query(
                """
                UPDATE requests SET version = version + 1, updated_at = \(now), updated_by = \(actor)
                WHERE id = \(request.id) AND version = \(request.version)
                """ + " " + AuditLog.headReturning)
            guard let headRow = written.first else { throw try store.staleWrite(request) }
            try AuditLog(db).append(
                .evidenceRecorded(evidenceID: evidenceID, kind: evidence.kind, state: request.state),
                at: try AuditLog(db).head(requestID: request.id, returned: headRow), occurredAt: occurredAt, recordedAt: now,
                actor: actor)
            return evidenceID
        }
    }

    /// Gives a request to a desk member, or takes it back (`nil`); audited.
    public func assign(_ reference: String, to assignee: String?, actor: String, now: Date) throws -> StoredRequest {
        try db.withRetryingTransaction { db in
            let store = RequestStore(db, policies: policies)
            let request = try store.find(reference)
            guard !request.state.isClosed else {
                throw StoreError(.assignClosed, reference: request.reference, state: request.state)
            }
            let written = try db.query(
                """
                UPDATE requests SET assignee = \(assignee), version = version + 1, updated_at = \(now), updated_by = \(actor)
                WHERE id = \(request.id) AND version = \(request.version)
                """ + " " + AuditLog.headReturning)
            guard let headRow = written.first else { throw try store.staleWrite(request) }
            let head = try AuditLog(db).head(requestID: request.id, returned: headRow)
            let changed = try store.find(id: request.id)
            try AuditLog(db).append(
                .assigned(to: assignee, previous: request.assignee, state: request.state),
                at: head, occurredAt: now, recordedAt: now, actor: actor)
            return changed
        }
    }

    // MARK: Helpers

    /// What the lifecycle decides on besides the request's row: the kinds of evidence recorded,
    /// the completed clock pauses, and whether a restriction lift notice went out.
    struct Facts {
        var evidence: [EvidenceKind] = []
        var completedPauses: [(from: Date, to: Date?)] = []
        var liftNoticeSent = false
    }

    /// A request by its reference with its chain head (`AuditLog.headColumns`, read without a
    /// lock: a write chained to it checks that it has not moved) and its `Facts`, in one statement
    /// (`RequestRow.ForChange`).
    func findForChange(_ reference: String) throws -> (StoredRequest, Facts, Postgres.Row) {
        guard let parsed = RequestReference(reference) else {
            throw StoreError(.invalidReference, value: reference)
        }
        let reference = parsed.description
        guard let row = try db.rows(RequestRow.ForChange(reference: reference)).first else {
            throw StoreError(.requestNotFound, reference: reference)
        }
        let request = try RequestRow.decode(row)
        let (kinds, pauses, liftNoticeSent) = try row.decode((String?, String?, Bool).self, from: RequestRow.ForChange.factsColumn)
        var facts = Facts(liftNoticeSent: liftNoticeSent)
        for kind in (kinds ?? "").split(separator: ",") {
            guard let parsed = EvidenceKind(rawValue: String(kind)) else {
                throw StoreError(.evidenceUnreadable, reference: request.reference, value: String(kind))
            }
            facts.evidence.append(parsed)
        }
        for pause in (pauses ?? "").split(separator: ",") {
            let ends = pause.split(separator: "|")
            guard ends.count == 2, let from = Date(postgresText: String(ends[0])), let to = Date(postgresText: String(ends[1])) else {
                throw StoreError(.nothingReturned, name: "clock pauses of \(request.reference)")
            }
            facts.completedPauses.append((from: from, to: to))
        }
        return (request, facts, row)
    }

    /// The DeskCore view of a stored request, for the lifecycle to decide on, with its `Facts`
    /// already read; `now` is the session's clock (`DSAR_NOW` in tests), never the machine's.
    func snapshot(of request: StoredRequest, entry: PolicyCatalog.Entry, facts: Facts, now: Date) throws -> RequestSnapshot {
        guard let rule = entry.policy.rule(for: request.kind, consentWithdrawal: request.consentWithdrawal) else {
            throw StoreError(.noDeadlineRule, right: request.kind, policy: request.policy)
        }
        var retentionGroundRecorded = false
        if request.consentWithdrawal && facts.evidence.contains(.decision) {
            retentionGroundRecorded = try db.returned(
                """
                SELECT EXISTS (SELECT 1 FROM evidence WHERE request_id = \(request.id) AND kind = 'decision'
                               AND details ? 'retention_ground')
                """, "answer whether a retention ground is recorded")
        }
        let completedPauses = facts.completedPauses
        let context = DeadlineContext(
            receivedAt: request.receivedAt, rule: rule, timeZone: entry.timeZone, calendar: entry.calendar,
            pausedDays: DeadlineEngine.pausedDays(pauses: completedPauses, now: now, timeZone: entry.timeZone),
            informationAt: Self.informationAt(completedPauses))
        return RequestSnapshot(
            right: request.kind, state: request.state, policy: request.policy, directMarketing: request.directMarketing,
            consentWithdrawal: request.consentWithdrawal, retentionGroundRecorded: retentionGroundRecorded, evidence: facts.evidence,
            deadline: context, extendedBy: request.extendedBy, liftNoticeSent: facts.liftNoticeSent)
    }

    /// The due date from receipt, with the request's completed clock pauses already read; `now`
    /// is the session's clock.
    func dueDate(
        of request: StoredRequest, entry: PolicyCatalog.Entry, extendedBy: Period?, completedPauses: [(from: Date, to: Date?)],
        now: Date
    ) -> LocalDate {
        guard let rule = entry.policy.rule(for: request.kind, consentWithdrawal: request.consentWithdrawal) else { return request.dueOn }
        return DeadlineEngine.dueDate(
            receivedAt: request.receivedAt, rule: rule, timeZone: entry.timeZone, calendar: entry.calendar,
            pausedDays: DeadlineEngine.pausedDays(pauses: completedPauses, now: now, timeZone: entry.timeZone),
            extension: extendedBy, informationAt: Self.informationAt(completedPauses))
    }

    /// When the requester last supplied what the desk waited for: the end of the latest completed
    /// pause (a rule whose clock restarts counts its term from there, 152-FZ art. 20(3)).
    static func informationAt(_ completedPauses: [(from: Date, to: Date?)]) -> Date? {
        completedPauses.compactMap(\.to).max()
    }

    func recordExtensionReason(_ requestID: Int64, reason: String, period: Period?, occurredAt: Date, now: Date, actor: String) throws {
        try db.execute(
            """
            INSERT INTO extensions (request_id, period, reason, granted_at, recorded_at, recorded_by)
            VALUES (\(requestID), \(period?.description ?? ""), \(reason), \(occurredAt), \(now), \(actor))
            """)
    }

    /// The error for a chained write that found its request changed: a stale write when someone
    /// changed the request (`staleWrite`); when only its chain moved (an event appended by another
    /// desk member's letter, say), a serialization failure, which `withRetryingTransaction` runs again.
    func lostRace(_ request: StoredRequest) throws -> any Error {
        let stale = try staleWrite(request)
        guard let version = try db.query("SELECT version FROM requests WHERE id = \(request.id)").first?.decode(column: 0, as: Int.self),
            version == request.version
        else { return stale }
        return PostgresError(
            code: .server, sqlState: .serializationFailure, serverMessage: "the audit chain of \(request.reference) moved; run again")
    }

    /// The error for a write that lost the race: who changed the request, and when.
    func staleWrite(_ request: StoredRequest) throws -> StoreError {
        let rows = try db.query("SELECT updated_by, updated_at FROM requests WHERE id = \(request.id)")
        guard let row = rows.first else { return StoreError(.requestGone, reference: request.reference) }
        let (who, when) = try row.decode((String, Date).self)
        return StoreError(.staleWrite, reference: request.reference, actor: who, time: when)
    }

    /// An action cannot be dated before the request was received.
    static func checkOccurredAt(_ occurredAt: Date, request: StoredRequest) throws {
        if occurredAt < request.receivedAt {
            throw StoreError(.occurredBeforeReceipt, reference: request.reference, time: request.receivedAt)
        }
    }
}
