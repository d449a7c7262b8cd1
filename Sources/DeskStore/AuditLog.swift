public import DeskCore
public import Foundation
import Logging
public import Postgres

/// The sealed audit log (SPEC §3, issue 15): the only code that writes `events` and `audit_seals`.
///
/// Appends chain an event to the previous event of its request (or of the desk chain) inside the
/// caller's transaction and hold no row every writer needs. A request's chain head (position and
/// hash of its newest event) lives on the request's row (SQL/0120): an append locks that row —
/// a transition has locked it already with its own UPDATE — and inserts the event and moves the
/// head in one statement, so only writers of the same request wait for each other. Desk-wide
/// events take the desk chain's advisory lock and read its tail. The unique index on (request,
/// position) backs both up. Seals (`seal`) then give committed events their Merkle leaves in
/// batches. The payload must not hold personal data: `AuditEvent` refers to people by id.
public struct AuditLog {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The stored fields of an event, in `entry(_:)`'s order.
    static let selectEvents: Query = """
        SELECT seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash, hash
        FROM events
        """

    // MARK: Appending

    /// Where a request's chain stands, read under the request row's lock: the newest event's
    /// position and hash (0 and the genesis hash for an empty chain), and the sequence number the
    /// next event gets. `recorded` says whether the row held it (false: read from `events`).
    public struct ChainHead: Sendable {
        public let requestID: Int64
        let position: Int64
        let hash: String
        let sequence: Int64
        let recorded: Bool

        /// The head of a request inserted in this transaction: no event yet, none recorded.
        public static func newRequest(_ requestID: Int64, sequence: Int64) -> ChainHead {
            ChainHead(requestID: requestID, position: 0, hash: AuditEntry.genesisHash, sequence: sequence, recorded: false)
        }
    }

    /// What an UPDATE of one request returns so that the same transaction can append to its chain
    /// (`head(requestID:returned:)`): the row stays locked by the UPDATE until commit.
    public static let headReturning: Query = "RETURNING audit_pos, audit_hash, nextval('events_seq_seq')"

    /// The head from the three columns of `row` (`headReturning`, or the same columns of a locked
    /// SELECT); a head the row does not record yet is read from the chain's newest event.
    public func head(requestID: Int64, returned row: Row) throws -> ChainHead {
        let (position, hash, sequence) = try row.decode((Int64?, String?, Int64).self)
        return try head(requestID: requestID, position: position, hash: hash, sequence: sequence)
    }

    /// The head's columns, for a select list that has others before them (`head(requestID:row:from:)`).
    static let headColumns = "r.audit_pos, r.audit_hash, nextval('events_seq_seq') AS audit_next"

    /// The head from a row with `headColumns` from column `start` on.
    func head(requestID: Int64, row: Row, from start: Int) throws -> ChainHead {
        let (position, hash, sequence) = try row.decode((Int64?, String?, Int64).self, from: start)
        return try head(requestID: requestID, position: position, hash: hash, sequence: sequence)
    }

    /// The head from the values of `headReturning`'s columns, read in a statement of the caller's.
    public func head(requestID: Int64, position: Int64?, hash: String?, sequence: Int64) throws -> ChainHead {
        if let position, let hash {
            return ChainHead(requestID: requestID, position: position, hash: hash, sequence: sequence, recorded: true)
        }
        let tail = try db.query(
            """
            SELECT chain_pos, hash FROM events WHERE request_id = \(requestID) AND chain_pos IS NOT NULL
            ORDER BY chain_pos DESC LIMIT 1
            """
        ).first.map { try $0.decode((Int64, String).self) }
        return ChainHead(
            requestID: requestID, position: tail?.0 ?? 0, hash: tail?.1 ?? AuditEntry.genesisHash, sequence: sequence,
            recorded: false)
    }

    /// Locks a request's row (FOR NO KEY UPDATE, held to commit: other appenders to this chain
    /// wait) and reads its chain head: one round trip.
    public func lockHead(requestID: Int64) throws -> ChainHead {
        guard let row = try db.query(
            "SELECT audit_pos, audit_hash, nextval('events_seq_seq') FROM requests WHERE id = \(requestID) FOR NO KEY UPDATE"
        ).first else {
            throw StoreError(.requestIDNotFound, id: requestID)
        }
        return try head(requestID: requestID, returned: row)
    }

    /// Appends one event inside the caller's transaction. A request's event: two round trips (the
    /// locked head, then `append(_:at:…)`); a desk-wide event: three (the desk chain's advisory
    /// lock, its tail and a sequence number, then the insert).
    @discardableResult
    public func append(
        _ event: AuditEvent, requestID: Int64?, occurredAt: Date, recordedAt: Date, actor: String
    ) throws -> AuditEntry {
        Self.sealedAlongside.clear(db)
        if let requestID {
            return try append(event, at: try lockHead(requestID: requestID), occurredAt: occurredAt, recordedAt: recordedAt, actor: actor)
        }
        try lockChains([nil])
        for _ in 0..<50 {
            let tail = try db.query(
                """
                SELECT nextval('events_seq_seq'), t.chain_pos, t.hash FROM (SELECT 1) one LEFT JOIN LATERAL
                  (SELECT chain_pos, hash FROM events WHERE request_id IS NULL AND chain_pos IS NOT NULL
                   ORDER BY chain_pos DESC LIMIT 1) t ON true
                """)
            guard let row = tail.first else { throw StoreError(.auditSequenceMissing) }
            let (sequence, position, hash) = try row.decode((Int64, Int64?, String?).self)
            let entry = AuditEntry.chained(
                event, sequence: sequence, requestID: nil, chainPosition: (position ?? 0) + 1,
                prevHash: hash ?? AuditEntry.genesisHash, occurredAt: AuditEntry.truncatedToMilliseconds(occurredAt),
                recordedAt: AuditEntry.truncatedToMilliseconds(recordedAt), actor: actor)
            let inserted = try db.execute(
                """
                INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state,
                                    to_state, payload, prev_hash, hash)
                VALUES (\(entry.sequence), NULL, \(entry.chainPosition), \(entry.occurredAt),
                        \(entry.recordedAt), \(entry.actor), \(entry.event), \(entry.fromState), \(entry.toState),
                        \(entry.payload), \(entry.prevHash), \(entry.hash))
                ON CONFLICT (request_id, chain_pos) WHERE chain_pos IS NOT NULL DO NOTHING
                """)
            if inserted == 1 { return entry }
            // Another transaction appended to the desk chain and committed meanwhile: chain after it.
        }
        throw StoreError(.auditChainContention)
    }

    /// Appends `event` after `head` (read under the request row's lock in this transaction) in
    /// one statement that inserts the event and moves the head on the request row.
    @discardableResult
    public func append(_ event: AuditEvent, at head: ChainHead, occurredAt: Date, recordedAt: Date, actor: String) throws -> AuditEntry {
        let (entry, insert) = chained(event, at: head, occurredAt: occurredAt, recordedAt: recordedAt, actor: actor)
        Self.sealedAlongside.clear(db)
        guard try db.execute(insert) == 1 else {
            throw StoreError(.auditChainMoved)
        }
        return entry
    }

    // MARK: An audited change in one statement

    /// The pieces of one statement that changes a request's row, moves its chain head and inserts
    /// the event (`WITH changed AS (UPDATE requests r SET …, <setHead> WHERE … AND <headUnmoved>
    /// RETURNING …), <insertAppended> SELECT …`): one row version and one round trip for the
    /// change and its event. The event takes 12 parameters from `$first` on (`bindings`).
    struct ChainedWrite {
        let first: Int

        /// The SET items that move the head to the event.
        var setHead: String { "audit_pos = $\(first + 1)::bigint, audit_hash = $\(first + 10)::text" }

        /// What the change returns: the new version and the instants as stored (to the
        /// microsecond); the writer knows the rest from the row it read and what it wrote.
        static let returning = "RETURNING r.id, r.version, r.updated_at, r.paused_since, r.closed_at"

        /// The condition that the head is still where the event was chained from.
        var headUnmoved: String { "r.audit_pos IS NOT DISTINCT FROM $\(first + 11)::bigint" }

        /// The CTE `appended` that inserts the event for the row `changed` returned (its `id`).
        var insertAppended: String {
            "appended AS (INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, "
                + "to_state, payload, prev_hash, hash) SELECT $\(first)::bigint, changed.id, $\(first + 1)::bigint, "
                + "$\(first + 2)::timestamptz, $\(first + 3)::timestamptz, $\(first + 4)::text, $\(first + 5)::text, "
                + "$\(first + 6)::request_state, $\(first + 7)::request_state, $\(first + 8)::text, $\(first + 9)::text, "
                + "$\(first + 10)::text FROM changed RETURNING 1)"
        }

        /// The event's values and the head it was chained from, in the order of the pieces above.
        static func bindings(_ entry: AuditEntry, after head: ChainHead) -> [PostgresBinding] {
            let previous: Int64? = head.recorded ? head.position : nil
            return [
                entry.sequence.postgresBinding, entry.chainPosition.postgresBinding, entry.occurredAt.postgresBinding,
                entry.recordedAt.postgresBinding, entry.actor.postgresBinding, entry.event.postgresBinding,
                entry.fromState.postgresBinding, entry.toState.postgresBinding, entry.payload.postgresBinding,
                entry.prevHash.postgresBinding, entry.hash.postgresBinding, previous.postgresBinding,
            ]
        }
    }

    /// The event after `head`, as `append` would chain it.
    func entry(_ event: AuditEvent, at head: ChainHead, occurredAt: Date, recordedAt: Date, actor: String) -> AuditEntry {
        AuditEntry.chained(
            event, sequence: head.sequence, requestID: head.requestID, chainPosition: head.position + 1, prevHash: head.hash,
            occurredAt: AuditEntry.truncatedToMilliseconds(occurredAt), recordedAt: AuditEntry.truncatedToMilliseconds(recordedAt),
            actor: actor)
    }

    /// Runs an audited change (a `ChainedWrite` statement) as the last write of a transaction, in
    /// one round trip with the seal lock's attempt (`sealAlongside`); returns the statement's rows,
    /// none when its conditions did not hold (then nothing was written).
    func writeSealingAlongside(_ write: Connection.PipelinedStatement, now: Date) throws -> Rows {
        let results = try db.pipeline([write, .init(Self.trySealLockQuery)])
        guard let written = results.first, let lock = results.last else { throw StoreError(.nothingReturned, name: "audited change") }
        if written.count > 0, let tree = try Self.tree(locked: lock) {
            _ = try sealHeld(now: now, limit: Self.alongsideLimit, tree: tree)
        }
        if written.count > 0 { Self.sealedAlongside.mark(db) } else { Self.sealedAlongside.clear(db) }
        return written
    }

    /// The event after `head` and the statement that inserts it and moves the head on the request row.
    private func chained(
        _ event: AuditEvent, at head: ChainHead, occurredAt: Date, recordedAt: Date, actor: String
    ) -> (AuditEntry, Query) {
        let entry = entry(event, at: head, occurredAt: occurredAt, recordedAt: recordedAt, actor: actor)
        let previous: Int64? = head.recorded ? head.position : nil
        let insert: Query = """
            WITH head AS (
                UPDATE requests SET audit_pos = \(entry.chainPosition), audit_hash = \(entry.hash)
                WHERE id = \(head.requestID) AND audit_pos IS NOT DISTINCT FROM \(previous)::bigint
                RETURNING id)
            INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state,
                                payload, prev_hash, hash)
            SELECT \(entry.sequence)::bigint, head.id, \(entry.chainPosition)::bigint, \(entry.occurredAt)::timestamptz,
                   \(entry.recordedAt)::timestamptz, \(entry.actor)::text, \(entry.event)::text,
                   \(entry.fromState)::request_state, \(entry.toState)::request_state, \(entry.payload)::text,
                   \(entry.prevHash)::text, \(entry.hash)::text
            FROM head
            """
        return (entry, insert)
    }

    /// One event of a batch, before it is chained.
    public struct Pending: Sendable {
        public let event: AuditEvent
        public let requestID: Int64?
        public let occurredAt: Date
        public let recordedAt: Date
        public let actor: String

        public init(_ event: AuditEvent, requestID: Int64?, occurredAt: Date, recordedAt: Date, actor: String) {
            self.event = event
            self.requestID = requestID
            self.occurredAt = occurredAt
            self.recordedAt = recordedAt
            self.actor = actor
        }
    }

    /// Appends events in the given order with one COPY inside the caller's transaction: the tails of
    /// every chain the batch touches are read at once, sequence numbers reserved at once. Should
    /// another writer append to one of these chains meanwhile, the COPY fails on the chain index,
    /// is rolled back to a savepoint and done again after re-reading the tails.
    @discardableResult
    public func append(batch: [Pending]) throws -> [AuditEntry] {
        if batch.isEmpty { return [] }
        Self.sealedAlongside.clear(db)
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try db.withSavepoint { db in try AuditLog(db).copy(batch) }
            } catch let error as PostgresError where error.sqlState == .uniqueViolation && attempt < 20 {
                continue
            }
        }
    }

    /// The advisory locks of these chains (nil: the desk chain), in one order so that two writers
    /// taking several never deadlock; held until the transaction ends.
    func lockChains(_ chains: [Int64?]) throws {
        let keys = Array(Set(chains.map { Self.lockKey($0) })).sorted()
        if keys.count == 1, let key = keys.first {
            try db.execute("SELECT pg_advisory_xact_lock(\(Self.lockClass), \(key))")
        } else if !keys.isEmpty {
            try db.execute(
                """
                SELECT pg_advisory_xact_lock(\(Self.lockClass), k)
                FROM unnest(\(PostgresTextArray(keys.map(String.init)))::int[]) AS k ORDER BY k
                """)
        }
    }

    /// The first key of the chains' advisory locks (`pg_advisory_xact_lock(int, int)`).
    static let lockClass: Int32 = 0x4155_4454  // "AUDT"

    /// A chain's second key: its request id folded into an int (two requests may share a key and
    /// then wait for each other, which is harmless), 0 for the desk chain.
    static func lockKey(_ chain: Int64?) -> Int32 {
        guard let chain else { return 0 }
        return Int32(truncatingIfNeeded: (chain - 1) % (Int64(Int32.max) - 1) + 1)
    }

    private func copy(_ batch: [Pending]) throws -> [AuditEntry] {
        let requestIDs = Array(Set(batch.compactMap(\.requestID))).sorted()
        // The requests' rows, locked in id order (two batches never deadlock), hold their heads.
        var tails: [Int64: (position: Int64, hash: String)] = [:]
        if !requestIDs.isEmpty {
            let ids = PostgresTextArray(requestIDs.map(String.init))
            var unknown: [String] = []
            for row in try db.query(
                "SELECT id, audit_pos, audit_hash FROM requests WHERE id = ANY(\(ids)::bigint[]) ORDER BY id FOR NO KEY UPDATE")
            {
                let (id, position, hash) = try row.decode((Int64, Int64?, String?).self)
                if let position, let hash {
                    tails[id] = (position, hash)
                } else {
                    unknown.append(String(id))
                }
            }
            if !unknown.isEmpty {
                for row in try db.query(
                    """
                    SELECT DISTINCT ON (request_id) request_id, chain_pos, hash FROM events
                    WHERE request_id = ANY(\(PostgresTextArray(unknown))::bigint[]) AND chain_pos IS NOT NULL
                    ORDER BY request_id, chain_pos DESC
                    """)
                {
                    let (id, position, hash) = try row.decode((Int64, Int64, String).self)
                    tails[id] = (position, hash)
                }
            }
        }
        var deskTail: (position: Int64, hash: String)?
        if batch.contains(where: { $0.requestID == nil }) {
            try lockChains([nil])
            if let row = try db.query(
                "SELECT chain_pos, hash FROM events WHERE request_id IS NULL AND chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1"
            ).first {
                let (position, hash) = try row.decode((Int64, String).self)
                deskTail = (position, hash)
            }
        }
        let sequences = try db.query("SELECT nextval('events_seq_seq') FROM generate_series(1, \(batch.count))")
            .map { try $0.decode(column: 0, as: Int64.self) }.sorted()
        var entries: [AuditEntry] = []
        entries.reserveCapacity(batch.count)
        var rows = CopyBinaryRowEncoder(capacity: batch.count * 420)
        for (pending, sequence) in zip(batch, sequences) {
            let tail = pending.requestID.map { tails[$0] } ?? deskTail
            let entry = AuditEntry.chained(
                pending.event, sequence: sequence, requestID: pending.requestID, chainPosition: (tail?.position ?? 0) + 1,
                prevHash: tail?.hash ?? AuditEntry.genesisHash, occurredAt: AuditEntry.truncatedToMilliseconds(pending.occurredAt),
                recordedAt: AuditEntry.truncatedToMilliseconds(pending.recordedAt), actor: pending.actor)
            if let id = pending.requestID { tails[id] = (entry.chainPosition ?? 1, entry.hash) } else { deskTail = (entry.chainPosition ?? 1, entry.hash) }
            entries.append(entry)
        }
        // Rows go in chain order, so that two batches meeting on the same chains wait for each
        // other in one order rather than deadlock.
        for entry in entries.sorted(by: { ($0.requestID ?? 0, $0.sequence) < ($1.requestID ?? 0, $1.sequence) }) {
            Self.encode(entry, leaf: nil, into: &rows)
        }
        try db.copyIn(Self.copyEvents()) { out in try out.write(encoded: rows) }
        // The heads move to each chain's newest event of the batch.
        var heads: [Int64: AuditEntry] = [:]
        for entry in entries { if let id = entry.requestID { heads[id] = entry } }
        if !heads.isEmpty {
            let moved = heads.values.sorted { $0.sequence < $1.sequence }
            try db.execute(
                """
                UPDATE requests SET audit_pos = u.pos, audit_hash = u.hash
                FROM unnest(\(PostgresTextArray(moved.map { String($0.requestID ?? 0) }))::bigint[],
                            \(PostgresTextArray(moved.map { String($0.chainPosition ?? 0) }))::bigint[],
                            \(PostgresTextArray(moved.map(\.hash)))::text[]) AS u(id, pos, hash)
                WHERE requests.id = u.id
                """)
        }
        return entries
    }

    /// Events in PostgreSQL's binary COPY format (`encode`): the server parses no numbers and
    /// instants and unescapes no text, about half its work of a text COPY into `events`. `freeze`
    /// for a table truncated in this transaction: frozen rows, no WAL under `wal_level=minimal`.
    static func copyEvents(freeze: Bool = false) -> Query {
        """
        COPY events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload,
                     prev_hash, hash, leaf) FROM STDIN
        """ + (freeze ? " (FORMAT binary, FREEZE)" : " (FORMAT binary)")
    }

    /// One event as a row of `copyEvents`.
    static func encode(_ entry: AuditEntry, leaf: Int64?, into rows: inout CopyBinaryRowEncoder) {
        rows.add(entry.sequence)
        rows.add(entry.requestID)
        rows.add(entry.chainPosition)
        rows.addTimestamp(milliseconds: AuditEntry.milliseconds(entry.occurredAt))
        rows.addTimestamp(milliseconds: AuditEntry.milliseconds(entry.recordedAt))
        rows.add(entry.actor); rows.add(entry.event); rows.add(entry.fromState?.rawValue); rows.add(entry.toState?.rawValue)
        rows.add(entry.payload); rows.add(entry.prevHash); rows.add(entry.hash)
        rows.add(leaf)
        rows.endRow()
    }

    // MARK: Reading

    /// The events of one request, oldest first.
    public func events(requestID: Int64) throws -> [AuditEntry] {
        try db.query("\(fragment: Self.selectEvents) WHERE request_id = \(requestID) ORDER BY seq").map(Self.entry)
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        let (seq, requestID, position, occurred, recorded, actor, event, from, to, payload, prev, hash) =
            try row.decode((Int64, Int64?, Int64?, Date, Date, String, String, RequestState?, RequestState?, String, String, String).self)
        return AuditEntry(
            sequence: seq, requestID: requestID, chainPosition: position, occurredAt: occurred, recordedAt: recorded,
            actor: actor, event: event, fromState: from, toState: to, payload: payload, prevHash: prev, hash: hash)
    }
}

/// Events of a bulk load (`dsar demo --requests N`) chained, numbered and sealed in Swift as they
/// are encoded, between `AuditLog.beginBulk` and `AuditLog.finish(bulk:)` in one transaction that
/// holds the seal lock.
///
/// The load is cut into batches numbered in order (`batch(after:count:)`: sequence numbers and
/// leaves follow from how many events came before), which can then be chained and hashed on any
/// thread; the thread that owns this value adds each batch's leaves to the tree in the same order
/// and closes a seal over it (`seal(_:)`).
public struct AuditBulkLoad: Sendable {
    /// The sequence number of the load's first event.
    public let firstSequence: Int64
    /// The number of events in the log before the load: a seed that a rolled-back run does not move.
    public let logSize: Int
    private(set) var tree: MerkleFrontier
    private var root: MerkleHash
    private var nextSeal: Int64
    /// Seal rows to insert at the end: (id, tree, previous root).
    private(set) var seals: [(id: Int64, tree: MerkleFrontier, previousRoot: MerkleHash)] = []

    init(nextSequence: Int64, tree: MerkleFrontier, root: MerkleHash, nextSeal: Int64) {
        firstSequence = nextSequence
        logSize = tree.size
        self.tree = tree
        self.root = root
        self.nextSeal = nextSeal
    }

    /// The events of this load added to the tree so far.
    var loaded: Int { tree.size - logSize }

    /// `count` events that follow the load's first `numbered` events.
    public func batch(after numbered: Int, count: Int) -> AuditBulkBatch {
        AuditBulkBatch(firstSequence: firstSequence + Int64(numbered), firstLeaf: Int64(logSize + numbered), count: count)
    }

    /// Adds a whole batch's leaves to the tree and closes a seal over them; batches come in the
    /// order they were numbered.
    public mutating func seal(_ batch: AuditBulkBatch) throws {
        guard batch.firstLeaf == Int64(tree.size), batch.appended == batch.count else { throw StoreError(.sealRace) }
        for leaf in batch.leaves { tree.append(leaf) }
        guard tree.root != root else { return }
        seals.append((nextSeal, tree, root))
        root = tree.root
        nextSeal += 1
    }
}

/// One batch of a bulk load's events: their sequence numbers and leaves are fixed
/// (`AuditBulkLoad.batch(after:count:)`), so it is chained, hashed and encoded on its own.
///
/// Events are numbered in the order they happened (`offset` 0, 1, … of the batch) but may be
/// appended in any order: a bulk load appends each request's chain whole, so that a chain's rows
/// lie together on disk, as `append(batch:)` writes them too.
public struct AuditBulkBatch: Sendable {
    let firstSequence: Int64
    let firstLeaf: Int64
    let count: Int
    /// The events' leaf hashes, by offset.
    private(set) var leaves: [MerkleHash]
    private(set) var appended = 0
    /// The events' rows (`AuditLog.copyEvents`), written by `AuditLog.copy(bulk:freeze:)`.
    public private(set) var rows: CopyBinaryRowEncoder

    init(firstSequence: Int64, firstLeaf: Int64, count: Int) {
        self.firstSequence = firstSequence
        self.firstLeaf = firstLeaf
        self.count = count
        leaves = Array(repeating: .empty, count: count)
        rows = CopyBinaryRowEncoder(capacity: count * 460)
    }

    /// Chains the batch's event number `offset` (0 ..< count, each once) after `prevHash` at
    /// `chainPosition` of its request's chain, with its sequence number and leaf, and adds its row.
    public mutating func append(
        _ event: AuditEvent, offset: Int, requestID: Int64?, chainPosition: Int64, prevHash: String, occurredAtMs: Int64,
        recordedAtMs: Int64, actor: String
    ) -> AuditEntry {
        let (entry, leafHash) = AuditEntry.chainedWithLeaf(
            event, sequence: firstSequence + Int64(offset), requestID: requestID, chainPosition: chainPosition,
            prevHash: prevHash, occurredAt: Date(timeIntervalSince1970: TimeInterval(occurredAtMs) / 1000),
            recordedAt: Date(timeIntervalSince1970: TimeInterval(recordedAtMs) / 1000), actor: actor)
        leaves[offset] = leafHash
        appended += 1
        AuditLog.encode(entry, leaf: firstLeaf + Int64(offset), into: &rows)
        return entry
    }
}

extension AuditLog {
    /// Starts a bulk load inside the caller's transaction: waits for the seal lock (a sealer at
    /// work finishes first), seals what is pending, and reads where the log and its tree stand.
    public func beginBulk(now: Date) throws -> AuditBulkLoad {
        try db.query("SELECT 1 FROM audit_sealer FOR UPDATE")
        while case .sealed = try sealHeld(now: now, limit: 200_000) {}
        let (tree, root, nextSeal) = try frontier()
        let next: Int64 = try db.returned("SELECT nextval('events_seq_seq')", "next audit event number")
        return AuditBulkLoad(nextSequence: next, tree: tree, root: root, nextSeal: nextSeal)
    }

    /// Streams a batch's encoded event rows (`AuditBulkBatch.append`); FREEZE only right after the table was truncated.
    public func copy(bulk batch: AuditBulkBatch, freeze: Bool) throws {
        let rows = batch.rows
        guard rows.rowCount > 0 else { return }
        try db.copyIn(Self.copyEvents(freeze: freeze)) { out in try out.write(encoded: rows) }
    }

    /// Ends a bulk load: the sequence moves past its events, its seals are stored.
    public func finish(bulk: AuditBulkLoad, now: Date) throws {
        try db.execute("SELECT setval('events_seq_seq', \(bulk.firstSequence + Int64(bulk.loaded)), false)")
        for seal in bulk.seals {
            try insertSeal(id: seal.id, frontier: seal.tree, previousRoot: seal.previousRoot, now: now)
        }
    }
}
