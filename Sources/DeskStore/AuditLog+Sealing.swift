public import DeskCore
public import Foundation
public import Logging
import Postgres

/// Seals: committed events get their Merkle leaves in seal order, and each batch a seal row.
extension AuditLog {
    /// Connections whose appends since their last seal attempt were all covered by a
    /// `sealAlongside` (its transaction sealed them or found another sealer at work): their
    /// command's end-of-command seal is already done. An append clears the mark.
    static let sealedAlongside = ConnectionMarks()

    /// One row of `audit_seals`.
    public struct Seal: Sendable, Hashable {
        public let id: Int64
        public let size: Int
        public let root: MerkleHash
        public let previousRoot: MerkleHash
        public let sealedAt: Date
        let frontier: String

        public var digest: AuditDigest { AuditDigest(size: size, root: root, sealedAt: sealedAt) }
    }

    /// What one call of `seal` did.
    public enum SealOutcome: Sendable, Hashable {
        /// Another sealer holds the seal lock; it will seal what is pending.
        case busy
        /// Nothing was unsealed.
        case nothingToSeal
        /// `events` events sealed into `seals` new seals; the newest is `latest`.
        case sealed(events: Int, seals: Int, latest: AuditDigest)
    }

    static let selectSeal: Query = "SELECT id, size, root, prev_root, sealed_at, frontier FROM audit_seals"

    static func seal(_ row: Row) throws -> Seal {
        let (id, size, root, previous, sealedAt, frontier) = try row.decode((Int64, Int, String, String, Date, String).self)
        guard let rootHash = MerkleHash(hex: root), let previousHash = MerkleHash(hex: previous) else {
            throw StoreError(.sealUnreadable, id: id)
        }
        return Seal(id: id, size: size, root: rootHash, previousRoot: previousHash, sealedAt: sealedAt, frontier: frontier)
    }

    /// The newest seal, or nil before the first.
    public func latestSeal() throws -> Seal? {
        try db.query("\(fragment: Self.selectSeal) ORDER BY id DESC LIMIT 1").first.map(Self.seal)
    }

    /// The newest seal made at or before `instant` (a month's end for the monthly report).
    public func seal(asOf instant: Date) throws -> Seal? {
        try db.query("\(fragment: Self.selectSeal) WHERE sealed_at <= \(instant) ORDER BY id DESC LIMIT 1").first.map(Self.seal)
    }

    /// Seals what is committed and unsealed, in transactions of its own, unless another sealer
    /// holds the seal lock (then it returns `.busy` at once: nobody waits for a sealer). Nothing
    /// unsealed costs one round trip.
    ///
    /// `durable: false` (the seal at the end of a write command) commits without waiting for the
    /// disk: a crash may lose that seal — its leaves and its row together, never one without the
    /// other — and the events, which are durable, are sealed again by the next sealer. Whatever
    /// prints a digest seals durably first (`dsar audit seal`, `digest`, `prove`).
    @discardableResult
    public func seal(now: Date, batchSize: Int = 200_000, durable: Bool = true) throws -> SealOutcome {
        guard try db.query("SELECT EXISTS (SELECT 1 FROM events WHERE leaf IS NULL)").first?.decode(column: 0, as: Bool.self) == true
        else {
            try flush(durable)
            return .nothingToSeal
        }
        var events = 0
        var seals = 0
        var latest: AuditDigest?
        while true {
            let step = try db.withTransaction { db -> SealOutcome? in
                if !durable { try db.executeScript("SET LOCAL synchronous_commit = off") }
                let log = AuditLog(db)
                guard let tree = try log.trySealLock() else { return .busy }
                return try log.sealHeld(now: now, limit: batchSize, tree: tree)
            }
            switch step {
            case .busy?:
                guard seals > 0, let latest else {
                    try flush(durable)
                    return .busy
                }
                return .sealed(events: events, seals: seals, latest: latest)
            case .sealed(let count, _, let digest)?:
                events += count
                seals += 1
                latest = digest
                if count < batchSize { return .sealed(events: events, seals: seals, latest: digest) }
            case .nothingToSeal?, nil:
                if let latest { return .sealed(events: events, seals: seals, latest: latest) }
                try flush(durable)
                return .nothingToSeal
            }
        }
    }

    /// Seals other sealers committed without waiting for the disk are made durable before a
    /// digest is read: one durable commit flushes the log up to it.
    private func flush(_ durable: Bool) throws {
        if durable { _ = try db.withTransaction { db in try db.query("SELECT pg_current_xact_id()") } }
    }

    /// `seal` at the end of a write command: never fails the command. A role that may not seal
    /// (the report role) or a sealing error leaves the events for the next sealer. Skipped when
    /// the command's last write transaction already sealed before it committed (`sealAlongside`)
    /// and nothing was appended on this connection since.
    public func sealQuietly(now: Date, durable: Bool = false, logger: Logger = Logger(label: "dsar.audit")) {
        if !durable && Self.sealedAlongside.take(db) { return }
        do {
            try seal(now: now, durable: durable)
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege || error.sqlState == .undefinedTable {
            return
        } catch {
            logger.warning("the audit log was not sealed; `dsar audit seal` seals it", metadata: ["error": "\(error)"])
        }
    }

    /// The end-of-command seal done inside a write transaction, as its last step before COMMIT:
    /// unless another sealer holds the seal lock (SKIP LOCKED: one round trip, nobody waits), the
    /// events committed so far and this transaction's own are sealed and commit with it (three
    /// round trips, no commit of their own). The lock is then held through this commit: sealers
    /// meanwhile skip, and the next seal takes everything that came in between, so the more
    /// writers there are, the more events each seal covers.
    public func sealAlongside(now: Date, limit: Int = alongsideLimit) throws {
        if let tree = try trySealLock() { _ = try sealHeld(now: now, limit: limit, tree: tree) }
        Self.sealedAlongside.mark(db)
    }

    /// The most events one `sealAlongside` seals.
    public static let alongsideLimit = 20_000

    /// Takes the seal lock unless another sealer holds it, inside the caller's transaction, and
    /// reads the tree as the newest seal left it; nil when the lock is taken.
    func trySealLock() throws -> (frontier: MerkleFrontier, root: MerkleHash, nextID: Int64)? {
        try Self.tree(locked: db.query(Self.trySealLockQuery))
    }

    /// The seal lock's attempt: a row when this transaction took it (the newest seal's columns,
    /// NULL before the first seal), none when another sealer holds it.
    static let trySealLockQuery: Query = """
        SELECT s.id, s.size, s.root, s.prev_root, s.sealed_at, s.frontier
        FROM (SELECT 1 FROM audit_sealer FOR UPDATE SKIP LOCKED) l
        LEFT JOIN LATERAL (\(fragment: selectSeal) ORDER BY id DESC LIMIT 1) s ON true
        """

    /// The tree from `trySealLockQuery`'s answer; nil when the lock was not taken.
    static func tree(locked rows: Rows) throws -> (frontier: MerkleFrontier, root: MerkleHash, nextID: Int64)? {
        guard let row = rows.first else { return nil }
        guard try row.decode(column: 0, as: Int64?.self) != nil else { return (MerkleFrontier(), .empty, 1) }
        return try tree(of: try seal(row))
    }

    /// Seals up to `limit` unsealed events as one seal, inside the caller's transaction, which
    /// must hold the seal lock; `tree` is what `trySealLock` read (read again should a seal have
    /// been committed between that statement's start and its taking the lock).
    func sealHeld(now: Date, limit: Int, tree: (frontier: MerkleFrontier, root: MerkleHash, nextID: Int64)? = nil) throws -> SealOutcome {
        let rows = try db.query(
            """
            SELECT seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload,
                   prev_hash, hash, (SELECT coalesce(max(id), 0) FROM audit_seals)
            FROM events WHERE leaf IS NULL ORDER BY seq LIMIT \(limit)
            """)
        guard let first = rows.first else { return .nothingToSeal }
        let newest: Int64 = try first.decode(column: 12)
        var tree = try tree.flatMap { $0.nextID == newest + 1 ? $0 : nil } ?? frontier()
        let pending = try rows.map(Self.entry)
        let start = tree.frontier.size
        var sequences: [String] = []
        var leaves: [String] = []
        sequences.reserveCapacity(pending.count)
        leaves.reserveCapacity(pending.count)
        for (offset, entry) in pending.enumerated() {
            tree.frontier.append(entry.leafHash)
            sequences.append(String(entry.sequence))
            leaves.append(String(start + offset))
        }
        let root = tree.frontier.root
        let sealedAt = AuditEntry.truncatedToMilliseconds(now)
        // The leaves and the seal row in one statement: the row only when every leaf was set.
        let sealed = try db.execute(
            """
            WITH leaves AS (
                UPDATE events SET leaf = u.leaf
                FROM unnest(\(PostgresTextArray(sequences))::bigint[], \(PostgresTextArray(leaves))::bigint[]) AS u(seq, leaf)
                WHERE events.seq = u.seq AND events.leaf IS NULL
                RETURNING 1)
            INSERT INTO audit_seals (id, size, root, prev_root, sealed_at, frontier)
            SELECT \(tree.nextID)::bigint, \(tree.frontier.size)::bigint, \(root.hex)::text, \(tree.root.hex)::text,
                   \(sealedAt)::timestamptz, \(tree.frontier.encoded)::text
            WHERE (SELECT count(*) FROM leaves) = \(pending.count)
            """)
        guard sealed == 1 else {
            throw StoreError(.sealRace)
        }
        return .sealed(events: pending.count, seals: 1, latest: AuditDigest(size: tree.frontier.size, root: root, sealedAt: sealedAt))
    }

    /// The newest seal's tree edge, root and the next seal number (an empty tree before the first).
    func frontier() throws -> (frontier: MerkleFrontier, root: MerkleHash, nextID: Int64) {
        guard let seal = try latestSeal() else { return (MerkleFrontier(), .empty, 1) }
        return try Self.tree(of: seal)
    }

    /// The tree edge a seal stores, checked against its root.
    static func tree(of seal: Seal) throws -> (frontier: MerkleFrontier, root: MerkleHash, nextID: Int64) {
        guard let frontier = MerkleFrontier(encoded: seal.frontier, size: seal.size), frontier.root == seal.root else {
            throw StoreError(.sealInconsistent, id: seal.id)
        }
        return (frontier, seal.root, seal.id + 1)
    }

    @discardableResult
    func insertSeal(id: Int64, frontier: MerkleFrontier, previousRoot: MerkleHash, now: Date) throws -> AuditDigest {
        let root = frontier.root
        let sealedAt = AuditEntry.truncatedToMilliseconds(now)
        try db.execute(
            """
            INSERT INTO audit_seals (id, size, root, prev_root, sealed_at, frontier)
            VALUES (\(id), \(frontier.size), \(root.hex), \(previousRoot.hex), \(sealedAt), \(frontier.encoded))
            """)
        return AuditDigest(size: frontier.size, root: root, sealedAt: sealedAt)
    }

    // MARK: Migration 0090

    /// Verifies the chain written before migration 0090 (one desk-wide chain in `seq` order, its
    /// end recorded in `audit_head`) and seals it as the log's first seals, inside the migration's
    /// transaction. A broken chain stops the migration: nothing is changed.
    static func sealLegacyChain(_ db: Connection, now: Date) throws {
        guard let head = try db.query("SELECT seq, hash FROM audit_head").first else { return }
        let (headSequence, headHash) = try head.decode((Int64, String).self)
        let log = AuditLog(db)
        var previous: AuditEntry?
        var checked = 0
        var tree = MerkleFrontier()
        var previousRoot = MerkleHash.empty
        var sealID: Int64 = 1
        while true {
            let after = previous?.sequence ?? 0
            let page = try db.query(
                "\(fragment: selectEvents) WHERE seq > \(after) AND chain_pos IS NULL ORDER BY seq LIMIT 50000").map(entry)
            if page.isEmpty { break }
            if let broken = AuditChain.firstBrokenEntry(in: page, after: previous) {
                throw StoreError(.auditBrokenAtMigration, id: broken.sequence, detail: broken.reason.rawValue)
            }
            for entry in page { tree.append(entry.leafHash) }
            try db.execute(
                """
                UPDATE events SET leaf = seq - 1 WHERE chain_pos IS NULL AND seq > \(after) AND seq <= \(page.last?.sequence ?? after)
                """)
            checked += page.count
            previous = page.last
            let digest = try log.insertSeal(id: sealID, frontier: tree, previousRoot: previousRoot, now: now)
            previousRoot = digest.root
            sealID += 1
        }
        if headSequence != (previous?.sequence ?? 0) || headHash != (previous?.hash ?? AuditEntry.genesisHash) {
            throw StoreError(.auditTruncatedAtMigration, id: previous?.sequence ?? 0, count: Int(headSequence))
        }
    }
}

/// A set of connections, shared by threads (one connection per thread).
final class ConnectionMarks: @unchecked Sendable {
    private let lock = NSLock()
    private var marked: Set<ObjectIdentifier> = []

    func mark(_ db: Connection) {
        lock.lock()
        defer { lock.unlock() }
        marked.insert(ObjectIdentifier(db))
    }

    func clear(_ db: Connection) {
        lock.lock()
        defer { lock.unlock() }
        if !marked.isEmpty { marked.remove(ObjectIdentifier(db)) }
    }

    /// Whether `db` was marked; unmarks it.
    func take(_ db: Connection) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return marked.remove(ObjectIdentifier(db)) != nil
    }
}
