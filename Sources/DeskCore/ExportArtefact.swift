/// A file handed over for a portability request.
public struct ExportArtefact: Sendable, Hashable, Codable {
    public let format: ExportFormat
    public let path: String
    public let sha256: String

    /// Creates an export record.
    public init(format: ExportFormat, path: String, sha256: String) {
        self.format = format
        self.path = path
        self.sha256 = sha256
    }

    /// Throws when the path is empty or the digest malformed.
    public func validate() throws(DeskCoreError) {
        try EvidenceValidation.require(path, .exportPath)
        try EvidenceValidation.requireSHA256(sha256, .export)
    }
}
