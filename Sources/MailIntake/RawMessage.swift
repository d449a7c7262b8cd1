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
