import Foundation

/// Reads a Maildir folder: every file of `new/` then `cur/`, each sorted by name for determinism.
public final class MaildirReader: MessageStream {
    private let root: String
    private let files: [String]
    private let limits: IntakeLimits
    private var index: Int

    /// Lists the folder; messages are read one at a time by `next()`.
    public init(path: String, limits: IntakeLimits = .standard, skipping: Int = 0) throws(MailIntakeError) {
        let fm = FileManager.default
        var listed: [String] = []
        for sub in ["new", "cur"] {
            let dir = path + "/" + sub
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                    listed.append(sub + "/" + name)
                }
            }
        }
        self.root = path
        self.files = listed
        self.limits = limits
        self.index = max(0, skipping)
    }

    /// The next message file, or nil when all were read.
    public func next() -> MailItem? {
        guard index < files.count else { return nil }
        let relative = files[index]
        index += 1
        let source = root.hasSuffix("/") ? root + relative : root + "/" + relative
        let ordinal = index
        let attributes = try? FileManager.default.attributesOfItem(atPath: source)
        let size = (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
        if size > UInt64(limits.maxMessageBytes) {
            return .tooLarge(source: source, ordinal: ordinal, offset: 0, size: size)
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            return .unreadable(source: source, ordinal: ordinal,
                               error: MailIntakeError(.maildirFileUnreadable))
        }
        return .message(RawMessage(bytes: Array(data), source: source, ordinal: ordinal, offset: 0))
    }
}
