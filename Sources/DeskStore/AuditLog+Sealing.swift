import DeskCore
import Foundation
import Logging
import Postgres

/// Seals: committed events get their Merkle leaves in seal order, and each batch a seal row.
extension AuditLog {
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
    /// holds the seal lock (then it returns `.busy` at once: nobody waits for a sealer).
    ///
    /// `durable: false` (the seal at the end of a write command) commits without waiting for the
    /// disk: a crash may lose that seal — its leaves and its row together, never one without the
    /// other — and the events, which are durable, are sealed again by the next sealer. Whatever
    /// prints a digest seals durably first (`dsar audit seal`, `digest`, `prove`).
    @discardableResult
    public func seal(now: Date, batchSize: Int = 200_000, durable: Bool = true) throws -> SealOutcome {
        var events = 0
        var seals = 0
        var latest: AuditDigest?
        while true {
            let step = try db.withTransaction { db -> SealOutcome? in
                guard try db.query("SELECT 1 FROM audit_sealer FOR UPDATE SKIP LOCKED").first != nil else { return .busy }
                if !durable { try db.executeScript("SET LOCAL synchronous_commit = off") }
                return try AuditLog(db).sealHeld(now: now, limit: batchSize)
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
        if durable { try db.withTransaction { db in try db.query("SELECT pg_current_xact_id()") } }
    }

    /// `seal` at the end of a write command: never fails the command. A role that may not seal
    /// (the report role) or a sealing error leaves the events for the next sealer.
    public func sealQuietly(now: Date, durable: Bool = false, logger: Logger = Logger(label: "dsar.audit")) {
        do {
            try seal(now: now, durable: durable)
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege || error.sqlState == .undefinedTable {
            return
        } catch {
            logger.warning("the audit log was not sealed; `dsar audit seal` seals it", metadata: ["error": "\(error)"])
        }
    }

    /// Seals up to `limit` unsealed events as one seal, inside the caller's transaction, which
    /// must hold the seal lock (`audit_sealer` FOR UPDATE).
    func sealHeld(now: Date, limit: Int) throws -> SealOutcome {
        let pending = try db.query(
            "\(fragment: Self.selectEvents) WHERE leaf IS NULL ORDER BY seq LIMIT \(limit)").map(Self.entry)
        if pending.isEmpty { return .nothingToSeal }
        var tree = try frontier()
        let first = tree.frontier.size
        var sequences: [String] = []
        var leaves: [String] = []
        sequences.reserveCapacity(pending.count)
        leaves.reserveCapacity(pending.count)
        for (offset, entry) in pending.enumerated() {
            tree.frontier.append(entry.leafHash)
            sequences.append(String(entry.sequence))
            leaves.append(String(first + offset))
        }
        let updated = try db.execute(
            """
            UPDATE events SET leaf = u.leaf
            FROM unnest(\(PostgresTextArray(sequences))::bigint[], \(PostgresTextArray(leaves))::bigint[]) AS u(seq, leaf)
            WHERE events.seq = u.seq AND events.leaf IS NULL
            """)
        guard updated == pending.count else {
            throw StoreError(.sealRace)
        }
        let digest = try insertSeal(id: tree.nextID, frontier: tree.frontier, previousRoot: tree.root, now: now)
        return .sealed(events: pending.count, seals: 1, latest: digest)
    }

    /// The newest seal's tree edge, root and the next seal number (an empty tree before the first).
    func frontier() throws -> (frontier: MerkleFrontier, root: MerkleHash, nextID: Int64) {
        guard let seal = try latestSeal() else { return (MerkleFrontier(), .empty, 1) }
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
                throw StoreError(.auditBrokenAtMigration, id: broken.sequence, detail: broken.message)
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
