import Foundation

/// A folder holding one message per file: a Maildir (every file of `new/` then `cur/`) or a
/// folder of `.eml` files as mail programs save them (Thunderbird, Apple Mail, a web mail's
/// export), its sub-folders included. Files are in name order, so a resumed import skips the
/// same ones.
public struct MessageFolder: Sendable, Hashable {
    /// How the folder holds its messages.
    public enum Layout: Sendable, Hashable {
        case maildir
        case emlFiles
    }

    /// The folder as given.
    public let root: String
    public let layout: Layout
    /// The message files, relative to `root`.
    public let files: [String]
    /// Files of an `.eml` folder that are not named `.eml` and are not read (relative to `root`).
    public let skipped: [String]

    /// Lists `path`: a Maildir when it has `cur/` or `new/`, else its `.eml` files (any case),
    /// sub-folders included; hidden files and folders are left out.
    public init(path: String) throws(MailIntakeError) {
        guard let status = FileStatus(path: path) else { throw MailIntakeError(.pathMissing) }
        guard status.kind == .directory else { throw MailIntakeError(.notMailFolder) }
        root = path
        let maildirParts = ["new", "cur"].filter { Self.isDirectory(Self.join(path, $0)) }
        if !maildirParts.isEmpty {
            layout = .maildir
            files = maildirParts.flatMap { part in Self.regularFiles(in: path, under: part, recursive: false) }
            skipped = []
            return
        }
        layout = .emlFiles
        let all = Self.regularFiles(in: path, under: nil, recursive: true)
        files = all.filter { ($0 as NSString).pathExtension.lowercased() == "eml" }
        skipped = all.filter { ($0 as NSString).pathExtension.lowercased() != "eml" }
        guard !files.isEmpty else { throw MailIntakeError(.notMailFolder) }
    }

    /// The full path of a listed file.
    public func path(of file: String) -> String { Self.join(root, file) }

    /// The bytes of all message files (for a progress bar); unreadable sizes count 0.
    public var totalBytes: UInt64 {
        files.reduce(0) { total, file in
            total + (FileStatus(path: path(of: file))?.size ?? 0)
        }
    }

    private static func join(_ root: String, _ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    private static func isDirectory(_ path: String) -> Bool {
        FileStatus(path: path)?.kind == .directory
    }

    /// Regular, non-hidden files under `root/sub`, as paths relative to `root`, sorted by name
    /// (a folder's files before its sub-folders' when `recursive`).
    private static func regularFiles(in root: String, under sub: String?, recursive: Bool) -> [String] {
        let directory = sub.map { join(root, $0) } ?? root
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var files: [String] = []
        var folders: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let relative = sub.map { $0 + "/" + name } ?? name
            let full = join(root, relative)
            guard let kind = FileStatus(path: full, followingLinks: false)?.kind else { continue }
            // A linked file is read; a linked folder is not entered (it could lead back up).
            if kind == .directory {
                folders.append(relative)
            } else if kind == .regular || (kind == .symbolicLink && !isDirectory(full)) {
                files.append(relative)
            }
        }
        guard recursive else { return files }
        return files + folders.flatMap { regularFiles(in: root, under: $0, recursive: true) }
    }
}
