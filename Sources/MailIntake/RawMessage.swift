/// The bytes of one message exactly as read from a mail source, before any parsing.
public struct RawMessage: Sendable, Hashable {
    /// The message bytes (for mbox: without the `From ` separator line, `>From ` unescaped).
    public let bytes: [UInt8]
    /// Where the message came from, e.g. `inbox.mbox#17` or `Maildir/cur/1234.eml`.
    public let source: String
    /// 1-based position of the message within its source; lets an interrupted import resume.
    public let ordinal: Int
    /// Byte offset of the message (its `From ` line for mbox) within the source file.
    public let offset: UInt64

    /// Creates a raw message.
    public init(bytes: [UInt8], source: String, ordinal: Int = 1, offset: UInt64 = 0) {
        self.bytes = bytes
        self.source = source
        self.ordinal = ordinal
        self.offset = offset
    }
}

/// One item yielded by a mail source: a message, or the reason a message was not loaded.
public enum MailItem: Sendable, Hashable {
    /// A message small enough to be parsed.
    case message(RawMessage)
    /// A message over the size limit, skipped without loading it (quarantine it by reference).
    case tooLarge(source: String, ordinal: Int, offset: UInt64, size: UInt64)
    /// A message that could not be read at all (an unreadable Maildir file, for instance).
    case unreadable(source: String, ordinal: Int, error: MailIntakeError)

    /// The `source` identifier of the item whatever its kind.
    public var source: String {
        switch self {
        case .message(let raw): raw.source
        case .tooLarge(let source, _, _, _): source
        case .unreadable(let source, _, _): source
        }
    }
}

/// The limits every reader and the parser respect, so no input can exhaust memory or time.
public struct IntakeLimits: Sendable, Hashable {
    /// Largest message loaded into memory (bytes); larger ones come back as `.tooLarge`.
    public var maxMessageBytes: Int
    /// Deepest multipart / message/rfc822 nesting the parser descends into.
    public var maxDepth: Int
    /// Most MIME parts parsed in one message.
    public var maxParts: Int

    /// Creates limits.
    public init(maxMessageBytes: Int = 50 * 1024 * 1024, maxDepth: Int = 16, maxParts: Int = 500) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxParts = maxParts
    }

    /// The defaults: 50 MB, depth 16, 500 parts.
    public static let standard = IntakeLimits()
}
