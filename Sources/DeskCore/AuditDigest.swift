public import Foundation

/// A seal of the audit log as a DPO quotes it: the tree size, its Merkle root and when it was
/// sealed. `SIZE:ROOT` is what `dsar audit verify --digest` and `check-proof --digest` take.
public struct AuditDigest: Sendable, Hashable, CustomStringConvertible {
    public let size: Int
    public let root: MerkleHash
    public let sealedAt: Date?

    public init(size: Int, root: MerkleHash, sealedAt: Date?) {
        self.size = size
        self.root = root
        self.sealedAt = sealedAt
    }

    /// Parses `SIZE:ROOT` (a whole number, a colon, 64 hexadecimal digits).
    public init(parsing text: String) throws(DeskCoreError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let size = Int(parts[0]), size >= 0, let root = MerkleHash(hex: parts[1]) else {
            throw DeskCoreError(.digestUnreadable(text))
        }
        self.init(size: size, root: root, sealedAt: nil)
    }

    /// `SIZE:ROOT`.
    public var token: String { "\(size):\(root.hex)" }

    /// The one line of `dsar audit digest` and the monthly report.
    public var description: String {
        guard let sealedAt else { return "audit digest \(token)" }
        return "audit digest \(token) sealed \(AuditEntry.iso8601Milliseconds(sealedAt))"
    }
}
