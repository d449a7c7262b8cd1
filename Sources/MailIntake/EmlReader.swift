public import Foundation

/// Reads one message from a single .eml file or from standard input.
public final class EmlReader: MessageStream {
    private let handle: FileHandle
    private let ownsHandle: Bool
    private let source: String
    private let limits: IntakeLimits
    private var done = false

    /// Opens an .eml file.
    public init(path: String, limits: IntakeLimits = .standard) throws(MailIntakeError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MailIntakeError(.emlUnopenable)
        }
        self.handle = handle
        self.ownsHandle = true
        self.source = path
        self.limits = limits
    }

    /// Reads from an already open handle (standard input); the handle is not closed.
    public init(handle: FileHandle, source: String, limits: IntakeLimits = .standard) {
        self.handle = handle
        self.ownsHandle = false
        self.source = source
        self.limits = limits
    }

    deinit {
        if ownsHandle { try? handle.close() }
    }

    /// The single message, then nil.
    public func next() -> MailItem? {
        guard !done else { return nil }
        done = true
        var bytes: [UInt8] = []
        var total: UInt64 = 0
        var overLimit = false
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: 64 * 1024), !read.isEmpty else { break }
                chunk = read
            } catch {
                return .unreadable(source: source, ordinal: 1,
                                   error: MailIntakeError(.emlReadFailed))
            }
            total += UInt64(chunk.count)
            if total > UInt64(limits.maxMessageBytes) {
                overLimit = true
                bytes = []
            } else if !overLimit {
                bytes.append(contentsOf: chunk)
            }
        }
        if overLimit { return .tooLarge(source: source, ordinal: 1, offset: 0, size: total) }
        return .message(RawMessage(bytes: bytes, source: source, ordinal: 1, offset: 0))
    }
}
