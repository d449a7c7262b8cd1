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
