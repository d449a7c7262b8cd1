import DeskCore
import Foundation

/// The Merkle root (RFC 9162 §2.1.1) of each prefix of the leaves a seal covers, on every core.
///
/// The leaves are cut into aligned chunks of `chunk` leaves; each chunk's tree is built on its own
/// thread (a `MerkleFrontier` over its leaves, noting its edge wherever a seal ends inside it).
/// A prefix's tree is then the perfect subtrees of its whole chunks — merged from the chunks'
/// roots as a frontier merges leaves — followed by the edge of its last, partial chunk: the same
/// perfect subtrees, hence the same root, as one frontier over all the leaves gives.
enum SealRoots {
    static let chunk = 1 << 16

    /// The roots of `leaves[0..<size]` for each of `sizes` (ascending, at most `leaves.count`).
    static func roots(sizes: [Int], leaves: UnsafeMutableBufferPointer<MerkleHash>) -> [MerkleHash] {
        let leaves = ReadOnlyLeaves(buffer: UnsafeBufferPointer(leaves))
        let total = min(sizes.last ?? 0, leaves.buffer.count)
        let chunks = (total + chunk - 1) / chunk
        let results = ChunkResults(chunks: chunks, seals: sizes.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let low = index * chunk
            let high = min(low + chunk, total)
            var frontier = MerkleFrontier()
            var seal = sizes.partitioningIndex { $0 > low }
            for position in low..<high {
                frontier.append(leaves.buffer[position])
                while seal < sizes.count && sizes[seal] == position + 1 {
                    if sizes[seal] % chunk != 0 { results.setEdge(frontier.subtrees, seal: seal) }
                    seal += 1
                }
            }
            if high - low == chunk, let root = frontier.subtrees.first?.hash { results.setRoot(root, chunk: index) }
        }
        var whole: [(count: Int, hash: MerkleHash)] = []
        var merged = 0
        return sizes.enumerated().map { seal, size in
            while (merged + 1) * chunk <= min(size, total), let root = results.roots[merged] {
                Self.append((chunk, root), to: &whole)
                merged += 1
            }
            let subtrees = whole + (size % chunk == 0 ? [] : results.edges[seal] ?? [])
            guard var root = subtrees.last?.hash else { return .empty }
            for subtree in subtrees.dropLast().reversed() { root = .node(subtree.hash, root) }
            return root
        }
    }

    /// Appends a perfect subtree to a frontier's list, merging equal neighbours.
    private static func append(_ subtree: (count: Int, hash: MerkleHash), to list: inout [(count: Int, hash: MerkleHash)]) {
        var carry = subtree
        while let last = list.last, last.count == carry.count {
            list.removeLast()
            carry = (last.count * 2, .node(last.hash, carry.hash))
        }
        list.append(carry)
    }

    /// The leaves, only read while the chunk threads run.
    private struct ReadOnlyLeaves: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<MerkleHash>
    }

    /// What the chunk threads found; each slot is written by one thread only.
    private final class ChunkResults: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var roots: [MerkleHash?]
        private(set) var edges: [[(count: Int, hash: MerkleHash)]?]

        init(chunks: Int, seals: Int) {
            roots = Array(repeating: nil, count: chunks)
            edges = Array(repeating: nil, count: seals)
        }

        func setRoot(_ root: MerkleHash, chunk: Int) {
            lock.lock()
            defer { lock.unlock() }
            roots[chunk] = root
        }

        func setEdge(_ subtrees: [(count: Int, hash: MerkleHash)], seal: Int) {
            lock.lock()
            defer { lock.unlock() }
            edges[seal] = subtrees
        }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true along the array.
    fileprivate func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
