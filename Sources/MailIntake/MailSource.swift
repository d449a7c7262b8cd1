import Foundation

/// Decides how to read a path given to `dsar intake import` and opens the right reader.
public enum MailSource {
    /// The kind of source a path denotes.
    public enum Kind: String, Sendable, Hashable {
        /// One message in one file.
        case eml
        /// Many messages separated by `From ` lines.
        case mbox
        /// A folder with `cur/` and `new/`, one message per file.
        case maildir
        /// A folder of `.eml` files (sub-folders included), one message per file.
        case emlFolder
        /// One message on standard input (`-`).
        case stdin
    }

    /// What `path` is: `-` is stdin, a directory with `cur/` or `new/` is a Maildir, another
    /// directory holding `.eml` files is an `.eml` folder, a file starting with `From ` is an mbox,
    /// any other file is one .eml message.
    public static func kind(of path: String) throws(MailIntakeError) -> Kind {
        if path == "-" { return .stdin }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MailIntakeError(.pathMissing)
        }
        if isDirectory.boolValue {
            switch try MessageFolder(path: path).layout {
            case .maildir: return .maildir
            case .emlFiles: return .emlFolder
            }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MailIntakeError(.fileUnopenable)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 5)) ?? Data()
        return Array(head) == Array("From ".utf8) ? .mbox : .eml
    }

    /// Opens the reader for `path` (see `kind(of:)`), resuming after `skipping` messages.
    public static func open(
        path: String, limits: IntakeLimits = .standard, skipping: Int = 0
    ) throws(MailIntakeError) -> any MessageStream {
        // A folder is listed once, by the reader (`kind(of:)` would list it first to tell its layout).
        if path != "-", FileStatus(path: path)?.kind == .directory {
            return MessageFolderReader(folder: try MessageFolder(path: path), limits: limits, skipping: skipping)
        }
        switch try kind(of: path) {
        case .stdin: return EmlReader(handle: FileHandle.standardInput, source: "-", limits: limits)
        case .eml: return try EmlReader(path: path, limits: limits)
        case .mbox: return try MboxReader(path: path, limits: limits, skipping: skipping)
        case .maildir, .emlFolder: return MessageFolderReader(folder: try MessageFolder(path: path), limits: limits, skipping: skipping)
        }
    }
}
