public import DeskCore
public import Foundation
public import Postgres

/// The DPO's queue (SPEC §8): open requests, most urgent first, and `claim`.
///
/// Ordering, in three bands, each by due date, then receipt, then id:
/// 1. requests waiting on the requester (`awaiting_identity`, `awaiting_requester`) whose reply has
///    arrived since our last letter — the ball is back with the desk (SPEC §5.3);
/// 2. requests whose clock runs; by due date ascending, so overdue ones come first and the longest
///    overdue on top (an earlier due date has been overdue longer);
/// 3. paused requests with no reply yet: nothing to do until the requester answers.
///
/// Every statement is a `Statement` with constant SQL text: the filter and today under each policy
/// are parameters in fixed positions (`Parameters`); the open-state condition is the predicate of
/// the partial index `requests_open_by_due`, written identically so the planner can use it.
public struct QueueQuery {
    let db: Connection
    /// The policies this instance has read; see `PolicyCatalog.Cache`.
    let policies = PolicyCatalog.Cache()

    public init(_ db: Connection) { self.db = db }

    /// One row of the queue.
    public struct Item: Sendable, Hashable {
        public let request: StoredRequest
        /// Working days until the due date under the request's policy calendar; negative when overdue.
        public let daysLeft: Int
        public let isOverdue: Bool
        /// A reply from the requester arrived after our newest letter.
        public let replyWaiting: Bool
        /// A letter to the requester bounced and no letter was sent since (flag B).
        public let bounced: Bool
    }

    /// The rows shown and the counts of everything the filter matched.
    public struct Listing: Sendable {
        public let items: [Item]
        public let openCount: Int
        public let overdueCount: Int
        public let dueThisWeekCount: Int
    }

    // MARK: The SQL

    /// Open states: the exact predicate of the partial index `requests_open_by_due`.
    public static let isOpen: Query = "r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')"

    /// The values every queue statement binds, always in these positions, so that the SQL text is
    /// the same whatever the filter and however many policies there are:
    /// `$1` policy codes and `$2` today under each (`text[]`, `date[]`), `$3` the last date
    /// "within N working days" under each (`date[]`, NULL without `--due-within`), `$4` state,
    /// `$5` right, `$6` policy, `$7` assignee (NULL: any), `$8` only unassigned, `$9` only overdue.
    ///
    /// A condition whose value is NULL or false is folded away by the planner (the statements that
    /// bind these are `plannedWithValues`), so each filter costs nothing when unused and the
    /// open-state predicate still selects the partial index.
    public struct Parameters: Sendable, Hashable {
        public let policies: [String]
        public let today: [LocalDate]
        public let horizon: [LocalDate]?
        public let filter: QueueFilter

        public init(_ filter: QueueFilter, days: [PolicyDay]) {
            policies = days.map(\.policy)
            today = days.map(\.today)
            horizon = filter.dueWithinWorkingDays.map { count in days.map { $0.lastDate(withinWorkingDays: count) } }
            self.filter = filter
        }

        public var bindings: [PostgresBinding] {
            var assignee: String?
            if case .person(let name) = filter.assignee { assignee = name }
            return [
                PostgresTextArray(policies).postgresBinding, PostgresTextArray(today.map(\.iso)).postgresBinding,
                horizon.map { PostgresTextArray($0.map(\.iso)) }.postgresBinding, filter.state.postgresBinding,
                filter.kind.postgresBinding, filter.policy.postgresBinding, assignee.postgresBinding,
                (filter.assignee == .nobody).postgresBinding, filter.overdueOnly.postgresBinding,
            ]
        }
    }

    /// Today under the request's own policy (NULL for a policy not in `$1`, which then matches no
    /// date condition).
    static let today = "($2::date[])[array_position($1::text[], r.policy)]"

    /// The WHERE conditions of the filter in `Parameters`.
    public static let conditions = isOpen.sql + """

         AND ($4::request_state IS NULL OR r.state = $4::request_state)
         AND ($5::right_kind IS NULL OR r.kind = $5::right_kind)
         AND ($6::text IS NULL OR r.policy = $6::text)
         AND ($7::text IS NULL OR r.assignee = $7::text)
         AND (NOT $8::boolean OR r.assignee IS NULL)
         AND (NOT $9::boolean OR r.due_on < \(today))
         AND ($3::date[] IS NULL OR r.due_on <= ($3::date[])[array_position($1::text[], r.policy)])
        """

    /// Due before today under the request's own policy.
    static let overdue = "r.due_on < \(today)"

    /// Due in the coming seven days (today included) under the request's own policy. A rolling
    /// week rather than "until Sunday", which would say 0 on a Saturday.
    static let dueThisWeek = "r.due_on BETWEEN \(today) AND \(today) + 6"

    /// An inbound reply newer than the newest letter produced for the request.
    static let replyWaiting = """
        EXISTS (SELECT 1 FROM messages m
                WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                  AND coalesce(m.sent_at, m.imported_at) >
                      coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity'))
        """

    /// A bounced letter with no letter sent after the bounce (SPEC §6, flag B).
    static let bounced = """
        EXISTS (SELECT 1 FROM outbox b
                WHERE b.request_id = r.id AND b.status = 'bounced'
                  AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.request_id = r.id AND s.status = 'sent'
                                  AND s.sent_at > b.bounced_at))
        """

    /// The columns of a queue row: the request (`RequestRow`), then the two flags.
    static let itemColumns = RequestRow.columns + ", " + replyWaiting + " AS reply_waiting, " + bounced + " AS bounced"

    /// The position of the flags in a queue row; what a statement selects after them starts two on.
    static let itemFlagsColumn = RequestRow.count

    /// Waiting on the requester, whose reply has arrived: band 0.
    static let awaitingWithReply = "r.state IN ('awaiting_identity', 'awaiting_requester') AND " + replyWaiting

    /// The queue's order is band 0, 1, 2, then due date, receipt and id. What puts an open request
    /// in each band, one condition per band: replied while awaiting the requester; running;
    /// paused. Written so that each band alone is read in the index order of
    /// `requests_open_by_due` (the replied band starts from the few replies).
    static let bandConditions: [String] = [
        "r.id IN (SELECT m.request_id FROM messages m WHERE m.status = 'reply' AND m.direction = 'inbound') AND "
            + awaitingWithReply,
        "r.paused_since IS NULL AND NOT (" + awaitingWithReply + ")",
        "r.paused_since IS NOT NULL AND NOT (" + awaitingWithReply + ")",
    ]

    /// The listing: the rows of `RequestRow` plus `reply_waiting` and `bounced`, `$10` rows at most.
    ///
    /// Each band is cut to the limit on its own, so each is read in order from the partial index
    /// `requests_open_by_due` (due_on, received_at, id) and stops after `limit` rows, instead of
    /// ranking every open request (a million-request desk has about 100,000): band 0 starts from
    /// the replies (messages), bands 1 and 2 walk the index. Only the rows shown are then joined
    /// to their requesters and checked for a waiting reply.
    public struct ListingStatement: Statement {
        public static let sql: String = {
            let bands = bandConditions.enumerated().map { band, condition in
                "(SELECT r.*, \(band) AS band FROM requests r WHERE " + conditions + " AND " + condition
                    + " ORDER BY r.due_on, r.received_at, r.id LIMIT $10)"
            }
            return "SELECT " + itemColumns + " FROM (SELECT * FROM (" + bands.joined(separator: " UNION ALL ")
                + ") b ORDER BY b.band, b.due_on, b.received_at, b.id LIMIT $10"
                + ") r JOIN requesters q ON q.id = r.requester_id ORDER BY r.band, r.due_on, r.received_at, r.id"
        }()

        public let parameters: Parameters
        let days: [PolicyDay]

        public init(_ filter: QueueFilter, days: [PolicyDay]) {
            parameters = Parameters(filter, days: days)
            self.days = days
        }

        /// Its filters fold away by their values (see `Parameters`).
        public static let plannedWithValues = true

        public func makeBindings() -> [PostgresBinding] { parameters.bindings + [max(parameters.filter.limit, 0).postgresBinding] }
        public func decodeRow(_ row: Postgres.Row) throws -> Item { try QueueQuery.item(row, days: days) }
    }

    /// The counts for the footer, over everything the filter matches: open, overdue, due this week.
    public struct CountsStatement: Statement {
        public static let sql = "SELECT count(*), count(*) FILTER (WHERE " + overdue + "), count(*) FILTER (WHERE "
            + dueThisWeek + ") FROM requests r WHERE " + conditions

        public let parameters: Parameters

        public init(_ filter: QueueFilter, days: [PolicyDay]) { parameters = Parameters(filter, days: days) }

        /// Its filters fold away by their values (see `Parameters`).
        public static let plannedWithValues = true

        public func makeBindings() -> [PostgresBinding] { parameters.bindings }
        public func decodeRow(_ row: Postgres.Row) throws -> (open: Int, overdue: Int, week: Int) {
            try row.decode((Int, Int, Int).self)
        }
    }

    /// The pick of `dsar claim`: the most urgent open unassigned request (of right `$1`, any when
    /// NULL), locked, skipping those another session holds, as a queue row with its audit chain
    /// head (`AuditLog.headColumns`). `ClaimWrite` then assigns it and appends the event in one
    /// statement, so the claim writes one row version.
    ///
    /// Band by band in the queue's order (`claimBand`, one `WITH` query each, as FOR UPDATE may not
    /// stand in a UNION), each read in index order and stopping at its first row; the bands are
    /// read lazily — the `LIMIT 1` stops the `UNION ALL` at the first band that yields a row, so
    /// a later band is not read (nor any of its rows locked) once an earlier one gave the claim,
    /// and the request is then read by its primary key. No condition depends on a parameter's
    /// value except the right, so the plan the session prepares once is the one each claim needs.
    public struct ClaimStatement: Statement {
        public static let sql = "WITH "
            + bandConditions.enumerated().map { "band\($0) AS MATERIALIZED (" + claimBand($1) + ")" }.joined(separator: ", ")
            + " SELECT " + itemColumns + ", " + AuditLog.headColumns
            + " FROM requests r JOIN requesters q ON q.id = r.requester_id WHERE r.id = ("
            + bandConditions.indices.map { "SELECT id FROM band\($0)" }.joined(separator: " UNION ALL ") + " LIMIT 1)"

        public let kind: Right?
        let days: [PolicyDay]

        public init(kind: Right?, days: [PolicyDay]) {
            self.kind = kind
            self.days = days
        }

        public func makeBindings() -> [PostgresBinding] { [kind.postgresBinding] }

        public func decodeRow(_ row: Postgres.Row) throws -> (item: Item, row: Postgres.Row) {
            (try QueueQuery.item(row, days: days), row)
        }
    }

    /// The claim's write: the picked request (locked by `ClaimStatement`) is assigned to `$1` at
    /// `$2` and its `assigned` event appended (`AuditLog.ChainedWrite` from `$3`); returns what
    /// the row now holds that the claimer did not write itself (`AuditLog.ChainedWrite.returning`).
    struct ClaimWrite: Statement {
        static let chained = AuditLog.ChainedWrite(first: 3)
        static let sql = "WITH changed AS (UPDATE requests r SET assignee = $1, version = r.version + 1, updated_at = $2, "
            + "updated_by = $1, " + chained.setHead + " WHERE r.id = $15 AND r.assignee IS NULL AND "
            + chained.headUnmoved + " " + AuditLog.ChainedWrite.returning + "), " + chained.insertAppended
            + " SELECT version, updated_at FROM changed"

        let actor: String
        let now: Date
        let event: AuditEntry
        let head: AuditLog.ChainHead

        func makeBindings() -> [PostgresBinding] {
            [actor.postgresBinding, now.postgresBinding] + AuditLog.ChainedWrite.bindings(event, after: head)
                + [head.requestID.postgresBinding]
        }

        func decodeRow(_ row: Postgres.Row) throws -> (version: Int, updatedAt: Date) { try row.decode((Int, Date).self) }
    }

    /// The first open unassigned request of one band (of right `$1`, any when NULL), locked unless
    /// another session holds it.
    static func claimBand(_ band: String) -> String {
        "SELECT r.id FROM requests r WHERE " + isOpen.sql + " AND r.assignee IS NULL AND ($1::right_kind IS NULL OR r.kind = $1::right_kind) AND "
            + band + " ORDER BY r.due_on, r.received_at, r.id LIMIT 1 FOR UPDATE OF r SKIP LOCKED"
    }

    // MARK: Running it

    /// Today under every policy, at `now`.
    public func policyDays(now: Date) throws -> [PolicyDay] {
        let catalog = PolicyCatalog(db, cache: policies)
        return try catalog.codes().map { code in
            let entry = try catalog.load(code)
            return PolicyDay(policy: code, today: LocalDate(now, in: entry.timeZone), calendar: entry.calendar)
        }
    }

    /// The queue for `filter` at `now`.
    public func list(_ filter: QueueFilter, now: Date) throws -> Listing {
        if let policy = filter.policy { _ = try PolicyCatalog(db, cache: policies).load(policy) }
        let days = try policyDays(now: now)
        let items = try db.rows(ListingStatement(filter, days: days))
        guard let counts = try db.rows(CountsStatement(filter, days: days)).first else {
            throw StoreError(.nothingReturned, name: "counts for the queue")
        }
        return Listing(items: items, openCount: counts.open, overdueCount: counts.overdue, dueThisWeekCount: counts.week)
    }

    /// Gives the actor the most urgent open unassigned request, or `nil` when none is left.
    ///
    /// One transaction of three round trips: `ClaimStatement` picks a row no other claimer holds
    /// (`FOR UPDATE SKIP LOCKED`, sent with the BEGIN); `ClaimWrite` sets the assignee, bumps the
    /// version and appends the `assigned` event, with the seal lock's attempt; then the COMMIT.
    public func claim(kind: Right?, actor: String, now: Date) throws -> Item? {
        let days = try policyDays(now: now)
        return try db.withRetryingTransaction { db in
            // One round trip with the BEGIN: pick and lock the request, with its chain head.
            guard let (picked, row) = try db.rows(ClaimStatement(kind: kind, days: days)).first else { return nil }
            let log = AuditLog(db)
            let head = try log.head(requestID: picked.request.id, row: row, from: Self.itemFlagsColumn + 2)
            let event = log.entry(
                .assigned(to: actor, claimed: true, state: picked.request.state), at: head, occurredAt: now, recordedAt: now,
                actor: actor)
            // One more: assign it and append the event, with the seal lock's attempt; then the COMMIT.
            let write = ClaimWrite(actor: actor, now: now, event: event, head: head)
            guard let written = try log.writeSealingAlongside(.init(write), now: now).first.map(write.decodeRow) else {
                throw StoreError(.claimRace)
            }
            return Item(
                request: picked.request.assigned(to: actor, version: written.version, updatedAt: written.updatedAt),
                daysLeft: picked.daysLeft, isOverdue: picked.isOverdue, replyWaiting: picked.replyWaiting, bounced: picked.bounced)
        }
    }

    static func item(_ row: Postgres.Row, days: [PolicyDay]) throws -> Item {
        let request = try RequestRow.decode(row)
        let (replyWaiting, bounced) = try row.decode((Bool, Bool).self, from: itemFlagsColumn)
        let day = days.first { $0.policy == request.policy }
        let daysLeft = day?.workingDaysLeft(until: request.dueOn) ?? 0
        let isOverdue = !request.state.isClosed && day.map { request.dueOn < $0.today } == true
        return Item(request: request, daysLeft: daysLeft, isOverdue: isOverdue, replyWaiting: replyWaiting, bounced: bounced)
    }
}

