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
        if isFolder(path) {
            switch try MessageFolder(path: path).layout {
            case .maildir: return .maildir
            case .emlFiles: return .emlFolder
            }
        }
        switch try fileKind(of: path) {
        case .stdin: return .stdin
        case .eml: return .eml
        case .mbox: return .mbox
        }
    }

    /// Opens the reader for `path` (see `kind(of:)`), resuming after `skipping` messages. A folder
    /// is listed once, by `MessageFolder`, which both tells its layout and holds its files.
    public static func open(
        path: String, limits: IntakeLimits = .standard, skipping: Int = 0
    ) throws(MailIntakeError) -> any MessageStream {
        if isFolder(path) {
            return MessageFolderReader(folder: try MessageFolder(path: path), limits: limits, skipping: skipping)
        }
        switch try fileKind(of: path) {
        case .stdin: return EmlReader(handle: FileHandle.standardInput, source: "-", limits: limits)
        case .eml: return try EmlReader(path: path, limits: limits)
        case .mbox: return try MboxReader(path: path, limits: limits, skipping: skipping)
        }
    }

    /// What a path that is not a folder holds.
    private enum FileKind { case stdin, eml, mbox }

    private static func isFolder(_ path: String) -> Bool {
        path != "-" && FileStatus(path: path)?.kind == .directory
    }

    /// `-` is stdin, a file starting with `From ` an mbox, any other file one message.
    private static func fileKind(of path: String) throws(MailIntakeError) -> FileKind {
        if path == "-" { return .stdin }
        guard FileStatus(path: path) != nil else { throw MailIntakeError(.pathMissing) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MailIntakeError(.fileUnopenable)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 5)) ?? Data()
        return Array(head) == Array("From ".utf8) ? .mbox : .eml
    }
}
