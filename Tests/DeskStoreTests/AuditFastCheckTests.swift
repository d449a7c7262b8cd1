import DeskCore
import Testing
@testable import DeskStore

/// The parts of `dsar audit verify`'s fast path that need no database.
struct AuditFastCheckTests {
    /// Every byte value at every position of a word: a byte that needs escaping is always seen.
    @Test func theEightByteTestFindsEveryByteThatNeedsEscaping() {
        let special: Set<UInt8> = [92, 124, 10, 13]
        for value in 0...255 {
            let byte = UInt8(value)
            for position in 0..<8 {
                var bytes = [UInt8](repeating: 97, count: 8)
                bytes[position] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                if special.contains(byte) {
                    #expect(AuditFastCheck.needsEscaping(word), "byte \(value) at \(position)")
                } else {
                    #expect(!AuditFastCheck.needsEscaping(word), "byte \(value) at \(position)")
                }
            }
        }
        #expect(!AuditFastCheck.needsEscaping(0x2020_2020_2020_2020))
    }

    /// The roots of the seals computed chunk by chunk on every core are those of one frontier
    /// over all the leaves, for seals ending inside chunks, on chunk edges and at the very end.
    @Test func sealRootsOverChunksAreTheRootsOfOneFrontier() {
        let chunk = SealRoots.chunk
        let total = 3 * chunk + 12_345
        let sizes = [1, 2, 3, 1000, chunk - 1, chunk, chunk + 1, 2 * chunk, 2 * chunk + 777, 3 * chunk, total]
        let leaves = UnsafeMutableBufferPointer<MerkleHash>.allocate(capacity: total)
        defer { leaves.deallocate() }
        for index in 0..<total {
            var bytes = [UInt8](repeating: 0, count: 8)
            withUnsafeBytes(of: UInt64(index).bigEndian) { for (i, byte) in $0.enumerated() { bytes[i] = byte } }
            leaves[index] = .leaf(bytes: bytes)
        }
        var frontier = MerkleFrontier()
        var expected: [MerkleHash] = []
        var next = 0
        for size in sizes {
            while next < size {
                frontier.append(leaves[next])
                next += 1
            }
            expected.append(frontier.root)
        }
        #expect(SealRoots.roots(sizes: sizes, leaves: leaves) == expected)
        #expect(SealRoots.roots(sizes: [], leaves: leaves).isEmpty)
    }
}
