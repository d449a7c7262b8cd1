/// The audit log's Merkle tree as RFC 9162 §2.1 defines it: roots, inclusion proofs (§2.1.3)
/// and consistency proofs (§2.1.4), over leaf hashes in seal order.
public enum MerkleTree {
    /// MTH(D[n]) of the leaf hashes `leaves`.
    public static func root(_ leaves: [MerkleHash]) -> MerkleHash {
        leaves.withUnsafeBufferPointer { root($0, 0, $0.count) }
    }

    /// MTH of the first `size` leaves.
    public static func root(_ leaves: [MerkleHash], size: Int) -> MerkleHash {
        leaves.withUnsafeBufferPointer { root($0, 0, min(size, $0.count)) }
    }

    static func root(_ leaves: UnsafeBufferPointer<MerkleHash>, _ low: Int, _ high: Int) -> MerkleHash {
        let count = high - low
        if count == 0 { return .empty }
        if count == 1 { return leaves[low] }
        let k = largestPowerOfTwo(below: count)
        return .node(root(leaves, low, low + k), root(leaves, low + k, high))
    }

    /// The largest power of two smaller than `n` (n ≥ 2).
    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    // MARK: Inclusion (§2.1.3)

    /// PATH(index, D[size]): the audit path of leaf `index` in the tree of the first `size` leaves.
    public static func inclusionProof(index: Int, size: Int, leaves: [MerkleHash]) -> [MerkleHash] {
        precondition(index >= 0 && index < size && size <= leaves.count, "leaf outside the tree")
        return leaves.withUnsafeBufferPointer { path(index, $0, 0, size) }
    }

    static func path(_ m: Int, _ leaves: UnsafeBufferPointer<MerkleHash>, _ low: Int, _ high: Int) -> [MerkleHash] {
        let n = high - low
        if n <= 1 { return [] }
        let k = largestPowerOfTwo(below: n)
        if m < k { return path(m, leaves, low, low + k) + [root(leaves, low + k, high)] }
        return path(m - k, leaves, low + k, high) + [root(leaves, low, low + k)]
    }

    /// §2.1.3.2: whether `proof` shows the leaf `leafHash` at `index` in the tree of `size` with `root`.
    public static func verifyInclusion(
        index: Int, size: Int, leafHash: MerkleHash, proof: [MerkleHash], root: MerkleHash
    ) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = .node(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = .node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    // MARK: Consistency (§2.1.4)

    /// PROOF(old, D[size]): that the tree of the first `old` leaves is a prefix of the tree of `size`.
    public static func consistencyProof(old: Int, size: Int, leaves: [MerkleHash]) -> [MerkleHash] {
        precondition(old >= 0 && old <= size && size <= leaves.count, "sizes outside the tree")
        if old == 0 || old == size { return [] }
        return leaves.withUnsafeBufferPointer { subproof(old, $0, 0, size, true) }
    }

    static func subproof(_ m: Int, _ leaves: UnsafeBufferPointer<MerkleHash>, _ low: Int, _ high: Int, _ complete: Bool) -> [MerkleHash] {
        let n = high - low
        if m == n { return complete ? [] : [root(leaves, low, high)] }
        let k = largestPowerOfTwo(below: n)
        if m <= k { return subproof(m, leaves, low, low + k, complete) + [root(leaves, low + k, high)] }
        return subproof(m - k, leaves, low + k, high, false) + [root(leaves, low, low + k)]
    }

    /// §2.1.4.2: whether `proof` shows that the tree (`oldSize`, `oldRoot`) is a prefix of (`size`, `root`).
    public static func verifyConsistency(
        oldSize: Int, oldRoot: MerkleHash, size: Int, root: MerkleHash, proof: [MerkleHash]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= size else { return false }
        if oldSize == size { return proof.isEmpty && oldRoot == root }
        if oldSize == 0 { return proof.isEmpty && oldRoot == .empty }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var fn = oldSize - 1
        var sn = size - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first
        var sr = first
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = .node(c, fr)
                sr = .node(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = .node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == root && sn == 0
    }
}

/// The right edge of a Merkle tree (its perfect subtrees, largest first): enough to append
/// leaves and compute the new root without the old leaves. A seal row stores it.
public struct MerkleFrontier: Sendable, Hashable {
    /// (leaf count, root) of each perfect subtree, left to right; counts are distinct powers of two.
    public private(set) var subtrees: [(count: Int, hash: MerkleHash)]

    public init() { subtrees = [] }

    public var size: Int { subtrees.reduce(0) { $0 + $1.count } }

    public mutating func append(_ leaf: MerkleHash) {
        var carry = (count: 1, hash: leaf)
        while let last = subtrees.last, last.count == carry.count {
            subtrees.removeLast()
            carry = (count: last.count * 2, hash: .node(last.hash, carry.hash))
        }
        subtrees.append(carry)
    }

    /// MTH of the leaves appended so far.
    public var root: MerkleHash {
        guard var r = subtrees.last?.hash else { return .empty }
        for subtree in subtrees.dropLast().reversed() { r = .node(subtree.hash, r) }
        return r
    }

    /// The subtree hashes as hex, comma separated (the sizes follow from the tree size).
    public var encoded: String { subtrees.map(\.hash.hex).joined(separator: ",") }

    /// Reads `encoded` back for a tree of `size` leaves; nil when it does not fit.
    public init?(encoded: String, size: Int) {
        let hashes = encoded.isEmpty ? [] : encoded.split(separator: ",").map { MerkleHash(hex: $0) }
        var counts: [Int] = []
        var bit = 1 << 62
        while bit > 0 {
            if size & bit != 0 { counts.append(bit) }
            bit >>= 1
        }
        guard hashes.count == counts.count else { return nil }
        var subtrees: [(count: Int, hash: MerkleHash)] = []
        for (count, hash) in zip(counts, hashes) {
            guard let hash else { return nil }
            subtrees.append((count, hash))
        }
        self.subtrees = subtrees
    }

    public static func == (a: MerkleFrontier, b: MerkleFrontier) -> Bool {
        a.subtrees.count == b.subtrees.count && zip(a.subtrees, b.subtrees).allSatisfy { $0.count == $1.count && $0.hash == $1.hash }
    }

    public func hash(into hasher: inout Hasher) {
        for subtree in subtrees { hasher.combine(subtree.hash) }
    }
}
