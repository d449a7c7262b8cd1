/// What was sent to the requester in answer to an access request.
///
/// A file sent is named by `path` and must carry its `sha256`; something that is not a file
/// (a letter read out, a paper copy) is described in `description`, with a digest when there is one.
public struct Disclosure: Sendable, Hashable, Codable {
    public let path: String?
    public let description: String?
    public let sha256: String?

    /// Creates a disclosure record.
    public init(path: String? = nil, description: String? = nil, sha256: String? = nil) {
        self.path = path
        self.description = description
        self.sha256 = sha256
    }

    /// Throws when neither a path nor a description is given, or the digest is missing or malformed.
    public func validate() throws(DeskCoreError) {
        let hasPath = !EvidenceValidation.isBlank(path)
        if !hasPath && EvidenceValidation.isBlank(description) {
            throw DeskCoreError(.disclosureEmpty)
        }
        if hasPath || sha256 != nil { try EvidenceValidation.requireSHA256(sha256, .disclosure) }
    }
}
