public import DeskCore
public import Foundation
import Postgres

/// `dsar audit verify`: every chain, every seal's root, the seal chain, every event sealed once,
/// and (given an old digest) that today's log extends it.
extension AuditLog {
    /// What a walk of the whole log found.
    public struct Verification: Sendable {
        /// Events read and checked.
        public let checked: Int
        /// Events sealed, and the seals.
        public let sealed: Int
        public let seals: Int
        /// The newest seal, nil before the first.
        public let digest: AuditDigest?
        /// The first problem found, nil when everything holds.
        public let firstBreak: AuditChain.Break?
        /// Set when an old digest was given and the log is intact: today's log extends it.
        public let extends: AuditDigest?
        /// Set when an old digest was given and today's log does not extend it: why.
        public let notExtending: NotExtending?
    }

    /// Why today's log does not extend an earlier digest.
    public enum NotExtending: Sendable, Hashable {
        /// The digest covers more events than today's sealed log holds (`size`).
        case cutBack(AuditDigest, size: Int)
        /// The log's first events are not the ones the digest sealed.
        case rewritten(AuditDigest)
    }

    /// Checks the whole log, reading it in pages of request ids on `workers` connections at once.
    public func verify(against old: AuditDigest? = nil, workers: Int = 2, requestsPerPage: Int64 = 20_000) throws -> Verification {
        let seals = try db.query("\(fragment: Self.selectSeal) ORDER BY id").map(Self.seal)
        let size = seals.last?.size ?? 0
        let walk = LeafWalk(size: size)
        defer { walk.release() }
        try walk.run(try pages(requestsPerPage), workers: max(1, workers), connectionString: db.connectionString)
        // A broken chain names an event, the most precise finding; then the seals.
        var firstBreak = walk.firstBreak ?? Self.brokenSealChain(seals)

        // Every leaf of the sealed tree is there once; then each seal's root from the leaves.
        var extends: AuditDigest?
        var notExtending: NotExtending?
        if firstBreak == nil {
            if walk.sealedCount != size || walk.firstMissingLeaf != nil {
                firstBreak = AuditChain.Break(index: 0, sequence: Int64(walk.firstMissingLeaf ?? size), reason: .sealedLeaves)
            }
        }
        if firstBreak == nil {
            let roots = SealRoots.roots(sizes: seals.map(\.size), leaves: walk.leaves)
            if let seal = zip(seals, roots).first(where: { $0.root != $1 })?.0 {
                firstBreak = AuditChain.Break(index: 0, sequence: seal.id, reason: .sealRoot)
            }
        }
        if firstBreak == nil { firstBreak = walk.headBreak }
        if firstBreak == nil, let old {
            let leaves = Array(walk.leaves)
            let root = seals.last?.root ?? .empty
            if old.size > size {
                notExtending = .cutBack(old, size: size)
            } else {
                let proof = MerkleTree.consistencyProof(old: old.size, size: size, leaves: leaves)
                if MerkleTree.verifyConsistency(oldSize: old.size, oldRoot: old.root, size: size, root: root, proof: proof) {
                    extends = old
                } else {
                    notExtending = .rewritten(old)
                }
            }
        }
        return Verification(
            checked: walk.checked, sealed: walk.sealedCount, seals: seals.count, digest: seals.last?.digest,
            firstBreak: firstBreak, extends: extends, notExtending: notExtending)
    }

    /// The first seal that does not follow the one before it (number, growing size, previous root).
    static func brokenSealChain(_ seals: [Seal]) -> AuditChain.Break? {
        var previous: Seal?
        for (index, seal) in seals.enumerated() {
            let expectedID = (previous?.id ?? 0) + 1
            if seal.id != expectedID || seal.size <= (previous?.size ?? 0) || seal.previousRoot != (previous?.root ?? .empty) {
                return AuditChain.Break(index: index, sequence: seal.id, reason: .sealChain)
            }
            previous = seal
        }
        return nil
    }

    /// The whole log as pages: the legacy chain, the desk chain, the chains of each range of request ids.
    func pages(_ requestsPerPage: Int64) throws -> [Page] {
        // Up to the newest request too: one whose every event was deleted still records a head.
        let maxRequest = try db.query(
            "SELECT greatest((SELECT coalesce(max(request_id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM requests))"
        ).first?.decode(column: 0, as: Int64.self) ?? 0
        var pages: [Page] = [.legacy, .desk]
        var low: Int64 = 1
        while low <= maxRequest {
            pages.append(.requests(low..<(low + requestsPerPage)))
            low += requestsPerPage
        }
        return pages
    }

    /// A part of the log read as one unit.
    enum Page: Sendable {
        /// The rows before migration 0090: one chain in `seq` order.
        case legacy
        /// The desk chain.
        case desk
        /// The chains of these requests.
        case requests(Range<Int64>)
    }
}

/// The shared state of a parallel walk: the leaf hashes by position, what was checked, the first break.
final class LeafWalk: @unchecked Sendable {
    let size: Int
    let leaves: UnsafeMutableBufferPointer<MerkleHash>
    private let filled: UnsafeMutableBufferPointer<UInt8>
    private let lock = NSLock()
    private(set) var checked = 0
    private(set) var sealedCount = 0
    private(set) var firstBreak: AuditChain.Break?
    /// The first request whose recorded head is not its chain's newest event. Named only when
    /// the chains, leaves and seals hold: a sealed event deleted is better named by its leaf.
    private(set) var headBreak: AuditChain.Break?
    private var failure: (any Error)?

    init(size: Int) {
        self.size = size
        leaves = .allocate(capacity: max(size, 1))
        leaves.initialize(repeating: .empty)
        filled = .allocate(capacity: max(size, 1))
        filled.initialize(repeating: 0)
    }

    func release() {
        leaves.deallocate()
        filled.deallocate()
    }

    var firstMissingLeaf: Int? {
        for i in 0..<size where filled[i] != 1 { return i }
        return nil
    }

    private var next = 0

    func run(_ pages: [AuditLog.Page], workers: Int, connectionString: String) throws {
        let group = DispatchGroup()
        for _ in 0..<min(workers, pages.count) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                do {
                    let db = try Connection(connectionString)
                    // Compiling each page's plain index scan costs more than it saves.
                    try db.executeScript("SET jit = off")
                    while true {
                        lock.lock()
                        let index = next
                        next += 1
                        let stop = firstBreak != nil || failure != nil
                        lock.unlock()
                        if stop || index >= pages.count { return }
                        try check(pages[index], db)
                    }
                } catch {
                    lock.lock()
                    failure = failure ?? error
                    lock.unlock()
                }
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        group.wait()
        if let failure { throw failure }
    }

    private func check(_ page: AuditLog.Page, _ db: Connection) throws {
        switch page {
        case .legacy:
            var previous: AuditEntry?
            while true {
                let rows = try db.query(
                    "\(fragment: AuditLog.selectLeafEvents) WHERE chain_pos IS NULL AND seq > \(previous?.sequence ?? 0) ORDER BY seq LIMIT 50000")
                let entries = try rows.map(AuditLog.leafEntry)
                if entries.isEmpty { return }
                if let broken = AuditChain.firstBrokenEntry(in: entries.map(\.entry), after: previous) {
                    report(broken)
                    return
                }
                place(entries)
                previous = entries.last?.entry
            }
        case .desk:
            try checkStreamed(
                "\(fragment: AuditLog.selectLeafEvents) WHERE request_id IS NULL AND chain_pos IS NOT NULL ORDER BY chain_pos",
                heads: nil, db)
        case .requests(let range):
            try checkStreamed(
                """
                \(fragment: AuditLog.selectLeafEvents)
                WHERE request_id >= \(literal: range.lowerBound) AND request_id < \(literal: range.upperBound)
                  AND chain_pos IS NOT NULL
                ORDER BY request_id, chain_pos
                """,
                heads: range, db)
        }
    }

    /// The fast check of the rows of `page` as they stream in (binary COPY); when it has any
    /// doubt, the same rows read again and checked in full, which names the break.
    private func checkStreamed(_ page: Query, heads range: Range<Int64>?, _ db: Connection) throws {
        var fast = AuditFastCheck()
        do {
            try db.copyOut(page) { row in
                guard fast.add(row) else { throw Doubt() }
            }
        } catch is Doubt {
            checkChains(try db.query(page).map(AuditLog.leafEntry))
            if let range { try checkHeads(range, db) }
            return
        }
        fast.finish()
        place(fast.leaves, checked: fast.checked)
        if let range { try checkHeads(range, tails: fast.tails, db) }
    }

    private struct Doubt: Error {}

    /// Every head a request row records (SQL/0120) is its chain's newest event: an event appended
    /// or removed at the end of a chain without moving the head is caught before any seal covers it.
    /// `tails` are the newest events of the range's chains, in request order, as the fast check saw them.
    private func checkHeads(_ range: Range<Int64>, tails: [AuditFastCheck.Tail], _ db: Connection) throws {
        let heads = try db.query(
            """
            SELECT id, audit_pos, audit_hash FROM requests
            WHERE id >= \(range.lowerBound) AND id < \(range.upperBound) AND audit_pos IS NOT NULL ORDER BY id
            """)
        var next = 0
        for row in heads {
            let (id, position, hash) = try row.decode((Int64, Int64, String?).self)
            while next < tails.count && tails[next].requestID < id { next += 1 }
            let tail = next < tails.count && tails[next].requestID == id ? tails[next] : nil
            if let tail, tail.position == position, let stored = hash.flatMap(AuditFastCheck.HexHash.init), stored == tail.hash { continue }
            let broken = AuditChain.Break(index: 0, sequence: tail?.sequence ?? 0, reason: .chainHead)
            lock.lock()
            defer { lock.unlock() }
            if headBreak == nil || broken.sequence < (headBreak?.sequence ?? 0) { headBreak = broken }
            return
        }
    }

    /// The same check in SQL, for a range the fast check had doubts about.
    private func checkHeads(_ range: Range<Int64>, _ db: Connection) throws {
        guard let row = try db.query(
            """
            SELECT coalesce(t.seq, 0) FROM requests r
            LEFT JOIN LATERAL (SELECT seq, chain_pos, hash FROM events e
                               WHERE e.request_id = r.id AND e.chain_pos IS NOT NULL
                               ORDER BY e.chain_pos DESC LIMIT 1) t ON true
            WHERE r.id >= \(range.lowerBound) AND r.id < \(range.upperBound) AND r.audit_pos IS NOT NULL
              AND (t.chain_pos IS DISTINCT FROM r.audit_pos OR t.hash IS DISTINCT FROM r.audit_hash)
            ORDER BY r.id LIMIT 1
            """
        ).first else { return }
        let broken = AuditChain.Break(index: 0, sequence: try row.decode(column: 0), reason: .chainHead)
        lock.lock()
        defer { lock.unlock() }
        if headBreak == nil || broken.sequence < (headBreak?.sequence ?? 0) { headBreak = broken }
    }

    /// Leaves the fast check found, in place.
    private func place(_ found: [(leaf: Int64, hash: MerkleHash)], checked rows: Int) {
        var sealed = 0
        var outside: AuditChain.Break?
        for (leaf, hash) in found {
            guard leaf < size else {
                outside = outside ?? AuditChain.Break(index: 0, sequence: leaf, reason: .sealedLeaves)
                continue
            }
            leaves[Int(leaf)] = hash
            filled[Int(leaf)] &+= 1
            sealed += 1
        }
        lock.lock()
        checked += rows
        sealedCount += sealed
        lock.unlock()
        if let outside { report(outside) }
    }

    /// Rows of one or more chains, each chain's rows together in position order.
    private func checkChains(_ entries: [(entry: AuditEntry, leaf: Int64?)]) {
        let hashes = entries.map(\.entry.hashes)
        var found = false
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].entry.requestID == entries[start].entry.requestID { end += 1 }
            if let broken = AuditChain.firstBrokenEntry(
                inChain: entries[start..<end].map(\.entry), computedHashes: hashes[start..<end].map(\.hash))
            {
                report(broken)
                found = true
            }
            start = end
        }
        if !found { place(entries, leafHashes: hashes.map(\.leaf)) }
    }

    private func place(_ entries: [(entry: AuditEntry, leaf: Int64?)], leafHashes: [MerkleHash]? = nil) {
        var sealed = 0
        var outside: AuditChain.Break?
        for (index, (entry, leaf)) in entries.enumerated() {
            guard let leaf else { continue }
            guard leaf >= 0, leaf < size else {
                outside = outside ?? AuditChain.Break(index: 0, sequence: leaf, reason: .sealedLeaves)
                continue
            }
            leaves[Int(leaf)] = leafHashes?[index] ?? entry.leafHash
            filled[Int(leaf)] &+= 1
            sealed += 1
        }
        lock.lock()
        checked += entries.count
        sealedCount += sealed
        lock.unlock()
        if let outside { report(outside) }
    }

    private func report(_ broken: AuditChain.Break) {
        lock.lock()
        defer { lock.unlock() }
        if firstBreak == nil || broken.sequence < (firstBreak?.sequence ?? 0) { firstBreak = broken }
    }
}

extension AuditLog {
    static let selectLeafEvents: Query = """
        SELECT seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash,
               hash, leaf
        FROM events
        """

    static func leafEntry(_ row: Row) throws -> (entry: AuditEntry, leaf: Int64?) {
        (try entry(row), try row.decode(column: 12, as: Int64?.self))
    }
}

/// `dsar audit prove`: inclusion proofs of a request's events against the newest digest.
extension AuditLog {
    /// Seals what is pending, then proves every sealed event of the request against the newest seal.
    /// Refuses when the log does not verify: a proof from a broken log would prove nothing.
    public func prove(reference: String, now: Date, workers: Int = 2) throws -> AuditProof {
        let request = try RequestStore(db).find(reference)
        try seal(now: now)
        guard let seal = try latestSeal() else {
            throw StoreError(.proofNothingSealed)
        }
        let walk = LeafWalk(size: seal.size)
        defer { walk.release() }
        try walk.run(try pages(20_000), workers: workers, connectionString: db.connectionString)
        guard walk.firstBreak == nil, walk.sealedCount == seal.size, walk.firstMissingLeaf == nil else {
            throw StoreError(.proofLogBroken)
        }
        let leaves = Array(walk.leaves)
        guard MerkleTree.root(leaves) == seal.root else {
            throw StoreError(.proofLogBroken)
        }
        let rows = try db.query(
            "\(fragment: Self.selectLeafEvents) WHERE request_id = \(request.id) AND leaf IS NOT NULL ORDER BY leaf")
        let events = try rows.map(Self.leafEntry).compactMap { entry, leaf -> AuditProof.Event? in
            guard let leaf, leaf < seal.size else { return nil }
            let path = MerkleTree.inclusionProof(index: Int(leaf), size: seal.size, leaves: leaves)
            return AuditProof.Event(entry, leafIndex: Int(leaf), path: path)
        }
        return AuditProof(reference: request.reference, digest: seal.digest, events: events)
    }
}
