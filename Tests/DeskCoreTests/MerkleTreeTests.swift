import Foundation
import Testing
@testable import DeskCore

/// The Merkle tree of the audit log against RFC 9162 §2.1: the published test vectors of RFC 6962's
/// reference implementation (certificate-transparency), and every root, audit path and consistency
/// proof of trees up to 33 leaves against a second implementation written from the RFC's
/// definitions in Python (run as a subprocess).
@Suite struct MerkleTreeTests {
    /// The eight leaves of the certificate-transparency test vectors, and MTH of each prefix.
    static let vectorLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
    static let vectorRoots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    static func hashes(_ hexes: [String]) -> [MerkleHash] { hexes.compactMap { MerkleHash(hex: $0) } }

    @Test func publishedVectors() {
        let leaves = Self.vectorLeaves.map { MerkleHash.leaf(bytes: Self.bytes($0)) }
        for size in 0...leaves.count {
            #expect(MerkleTree.root(leaves, size: size).hex == Self.vectorRoots[size], "size \(size)")
        }
    }

    /// The second implementation: RFC 9162 §2.1.1 MTH, §2.1.3.1 PATH and §2.1.4.1 PROOF, verbatim.
    static let python = #"""
import hashlib, sys, json
def H(b): return hashlib.sha256(b).digest()
def leaf(d): return H(b"\x00" + d)
def node(l, r): return H(b"\x01" + l + r)
def k_of(n):
    k = 1
    while k << 1 < n: k <<= 1
    return k
def mth(D):
    n = len(D)
    if n == 0: return H(b"")
    if n == 1: return leaf(D[0])
    k = k_of(n)
    return node(mth(D[:k]), mth(D[k:]))
def path(m, D):
    n = len(D)
    if n <= 1: return []
    k = k_of(n)
    if m < k: return path(m, D[:k]) + [mth(D[k:])]
    return path(m - k, D[k:]) + [mth(D[:k])]
def subproof(m, D, b):
    n = len(D)
    if m == n: return [] if b else [mth(D)]
    k = k_of(n)
    if m <= k: return subproof(m, D[:k], b) + [mth(D[k:])]
    return subproof(m - k, D[k:], False) + [mth(D[:k])]
leaves = [bytes.fromhex(x) for x in json.load(sys.stdin)]
out = {"roots": [], "paths": {}, "proofs": {}}
for n in range(0, len(leaves) + 1):
    D = leaves[:n]
    out["roots"].append(mth(D).hex())
    for m in range(n):
        out["paths"][f"{m}/{n}"] = [h.hex() for h in path(m, D)]
    for m in range(1, n):
        out["proofs"][f"{m}/{n}"] = [h.hex() for h in subproof(m, D, True)]
print(json.dumps(out))
"""#

    @Test func proofsMatchASecondImplementation() throws {
        let leafData = (0..<33).map { i in (0..<(i % 7)).map { UInt8(truncatingIfNeeded: i &* 31 &+ $0) } }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("merkle-\(UUID().uuidString).py")
        try Self.python.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let request = try JSONEncoder().encode(leafData.map { $0.map { String(format: "%02x", $0) }.joined() })
        input.fileHandleForWriting.write(request)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 must be installed to run this test")
        struct Expected: Decodable {
            let roots: [String]
            let paths: [String: [String]]
            let proofs: [String: [String]]
        }
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        let leaves = leafData.map { MerkleHash.leaf(bytes: $0) }
        var frontier = MerkleFrontier()
        for size in 0...leaves.count {
            let root = MerkleTree.root(leaves, size: size)
            #expect(root.hex == expected.roots[size], "root of \(size)")
            #expect(frontier.root == root, "frontier root of \(size)")
            #expect(MerkleFrontier(encoded: frontier.encoded, size: size) == frontier)
            for index in 0..<size {
                let path = MerkleTree.inclusionProof(index: index, size: size, leaves: leaves)
                #expect(path.map(\.hex) == expected.paths["\(index)/\(size)"], "path \(index)/\(size)")
                #expect(MerkleTree.verifyInclusion(index: index, size: size, leafHash: leaves[index], proof: path, root: root))
            }
            for old in 1..<max(size, 1) where old < size {
                let proof = MerkleTree.consistencyProof(old: old, size: size, leaves: leaves)
                #expect(proof.map(\.hex) == expected.proofs["\(old)/\(size)"], "proof \(old)/\(size)")
                #expect(MerkleTree.verifyConsistency(
                    oldSize: old, oldRoot: MerkleTree.root(leaves, size: old), size: size, root: root, proof: proof))
            }
            if size < leaves.count { frontier.append(leaves[size]) }
        }
    }

    @Test func aChangedLeafIsNotIncluded() {
        let leaves = (0..<11).map { MerkleHash.leaf(bytes: [UInt8($0)]) }
        let root = MerkleTree.root(leaves)
        let path = MerkleTree.inclusionProof(index: 6, size: 11, leaves: leaves)
        #expect(MerkleTree.verifyInclusion(index: 6, size: 11, leafHash: leaves[6], proof: path, root: root))
        #expect(!MerkleTree.verifyInclusion(index: 6, size: 11, leafHash: MerkleHash.leaf(bytes: [99]), proof: path, root: root))
        #expect(!MerkleTree.verifyInclusion(index: 5, size: 11, leafHash: leaves[6], proof: path, root: root))
        #expect(!MerkleTree.verifyInclusion(index: 6, size: 6, leafHash: leaves[6], proof: path, root: root))
        #expect(!MerkleTree.verifyInclusion(index: 6, size: 11, leafHash: leaves[6], proof: Array(path.dropLast()), root: root))
    }

    @Test func aForkedLogIsNotConsistent() {
        // Two logs agree on their first 5 leaves, then one of them rewrote leaf 5 and grew on.
        let honest = (0..<13).map { MerkleHash.leaf(bytes: [UInt8($0)]) }
        var forked = honest
        forked[5] = MerkleHash.leaf(bytes: [200])
        let oldRoot = MerkleTree.root(honest, size: 7)
        let forkedProof = MerkleTree.consistencyProof(old: 7, size: 13, leaves: forked)
        #expect(!MerkleTree.verifyConsistency(
            oldSize: 7, oldRoot: oldRoot, size: 13, root: MerkleTree.root(forked), proof: forkedProof))
        // The honest log's proof does not fit the forked root either.
        let honestProof = MerkleTree.consistencyProof(old: 7, size: 13, leaves: honest)
        #expect(MerkleTree.verifyConsistency(oldSize: 7, oldRoot: oldRoot, size: 13, root: MerkleTree.root(honest), proof: honestProof))
        #expect(!MerkleTree.verifyConsistency(oldSize: 7, oldRoot: oldRoot, size: 13, root: MerkleTree.root(forked), proof: honestProof))
        // A log cut back to 5 and regrown to 7 no longer has the old root at 7.
        var regrown = Array(honest.prefix(5))
        regrown += [MerkleHash.leaf(bytes: [77]), MerkleHash.leaf(bytes: [78])]
        #expect(!MerkleTree.verifyConsistency(oldSize: 7, oldRoot: oldRoot, size: 7, root: MerkleTree.root(regrown), proof: []))
    }

    @Test func hashesReadBackFromHex() {
        let leaf = MerkleHash.leaf(bytes: [1, 2, 3])
        #expect(MerkleHash(hex: leaf.hex) == leaf)
        #expect(MerkleHash(hex: leaf.hex.uppercased()) == leaf)
        #expect(MerkleHash(hex: "xyz") == nil)
        #expect(MerkleHash.empty.hex == SHA256.hex(""))
        #expect(MerkleHash.node(leaf, leaf).bytes == SHA256.digest([1] + leaf.bytes + leaf.bytes))
    }

    @Test func digestsParse() throws {
        let digest = try AuditDigest(parsing: "12:" + MerkleHash.empty.hex)
        #expect(digest.size == 12 && digest.root == .empty)
        #expect(throws: DeskCoreError.self) { try AuditDigest(parsing: "12") }
        #expect(throws: DeskCoreError.self) { try AuditDigest(parsing: "-1:" + MerkleHash.empty.hex) }
        #expect(throws: DeskCoreError.self) { try AuditDigest(parsing: "12:abc") }
    }
}
