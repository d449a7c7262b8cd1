import DeskCore

/// `dsar audit digest --json`.
struct DigestJSON: Encodable {
    let size: Int
    let root: String
    let sealedAt: String?
    let digest: String

    init(_ digest: AuditDigest) {
        size = digest.size
        root = digest.root.hex
        sealedAt = digest.sealedAt.map(AuditEntry.iso8601Milliseconds)
        self.digest = digest.token
    }

    enum CodingKeys: String, CodingKey {
        case size, root, digest
        case sealedAt = "sealed_at"
    }
}
