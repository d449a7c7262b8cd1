#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's type and size from one `stat(2)` or `lstat(2)` call.
///
/// `FileManager.attributesOfItem` on Linux also looks up the owner's and the group's names, which
/// reads `/etc/passwd` and `/etc/group` (and `nsswitch.conf` twice) for every file: 26 system
/// calls a message where a folder of 20,000 `.eml` files needs one.
public struct FileStatus: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case regular, directory, symbolicLink, other
    }

    public let kind: Kind
    /// Bytes (of the link itself for a symbolic link read without following it).
    public let size: UInt64

    /// The status of `path`, following a symbolic link when `followingLinks`; nil when there is
    /// nothing there or it cannot be read.
    public init?(path: String, followingLinks: Bool = true) {
        var status = stat()
        let result = followingLinks ? stat(path, &status) : lstat(path, &status)
        guard result == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        size = UInt64(max(0, status.st_size))
    }
}
