/// An attachment of a message, listed without keeping its content.
public struct MailAttachment: Sendable, Hashable {
    /// The file name (Content-Disposition `filename`/`filename*`, else Content-Type `name`).
    public let filename: String?
    /// The MIME type in lower case, e.g. `application/pdf`.
    public let contentType: String
    /// Size in bytes after transfer decoding.
    public let size: Int

    /// Creates an attachment description.
    public init(filename: String?, contentType: String, size: Int) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }
}
