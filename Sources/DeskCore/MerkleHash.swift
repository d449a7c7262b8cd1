import Crypto

/// A SHA-256 value of the audit log's Merkle tree (RFC 9162 §2.1.1): a leaf, a node or a root.
///
/// Held as four machine words (no allocation), so a tree of millions of leaves is one flat array.
public struct MerkleHash: Sendable, Hashable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    private init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// The root of the empty tree: SHA-256 of no bytes.
    public static let empty = MerkleHash(digest: Crypto.SHA256.hash(data: [UInt8]()))

    init(digest: Crypto.SHA256.Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { source in
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: source) }
        }
        self.words = words
    }

    /// Parses 64 hexadecimal digits (either case); nil for anything else.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            guard let high = Self.nibble(utf8[2 * i]), let low = Self.nibble(utf8[2 * i + 1]) else { return nil }
            bytes[i] = high << 4 | low
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        bytes.withUnsafeBytes { source in withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: source) } }
        self.words = words
    }

    public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }

    /// 64 lowercase hexadecimal digits.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        withUnsafeBytes(of: words) { raw in
            for byte in raw {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    public static func == (a: MerkleHash, b: MerkleHash) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    // MARK: RFC 9162 §2.1.1 hashing

    /// SHA-256(0x00 || data): the hash of a leaf.
    public static func leaf(_ data: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = Crypto.SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: data)
        return MerkleHash(digest: hasher.finalize())
    }

    /// SHA-256(0x00 || bytes).
    public static func leaf(bytes: [UInt8]) -> MerkleHash {
        bytes.withUnsafeBytes { leaf($0) }
    }

    /// SHA-256(0x01 || left || right): the hash of an inner node.
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 1
            withUnsafeBytes(of: left.words) { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            withUnsafeBytes(of: right.words) { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            var hasher = Crypto.SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return MerkleHash(digest: hasher.finalize())
        }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
