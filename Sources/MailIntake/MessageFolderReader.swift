import Foundation

/// Reads a `MessageFolder` (a Maildir or a folder of `.eml` files) one file at a time.
public final class MessageFolderReader: MessageStream {
    private let folder: MessageFolder
    private let limits: IntakeLimits
    private var index: Int

    /// Reads the folder's files from the `skipping`-th on.
    public init(folder: MessageFolder, limits: IntakeLimits = .standard, skipping: Int = 0) {
        self.folder = folder
        self.limits = limits
        self.index = max(0, skipping)
    }

    /// The next message file, or nil when all were read.
    public func next() -> MailItem? {
        guard index < folder.files.count else { return nil }
        let source = folder.path(of: folder.files[index])
        index += 1
        let ordinal = index
        let size = FileStatus(path: source)?.size ?? 0
        if size > UInt64(limits.maxMessageBytes) {
            return .tooLarge(source: source, ordinal: ordinal, offset: 0, size: size)
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            return .unreadable(source: source, ordinal: ordinal, error: MailIntakeError(.messageFileUnreadable))
        }
        return .message(RawMessage(bytes: Array(data), source: source, ordinal: ordinal, offset: 0))
    }
}
