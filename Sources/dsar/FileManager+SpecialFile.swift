import Foundation

extension FileManager {
    /// Whether `path` exists and is not a regular file or directory: a device, a pipe or a link to
    /// one (`/dev/null`, `/dev/stdout`). `--out` writes such a path in place, because an atomic write
    /// renames a new regular file over it — run as root, that replaces `/dev/null` for the machine.
    func isSpecialFile(atPath path: String) -> Bool {
        guard let type = (try? attributesOfItem(atPath: path))?[.type] as? FileAttributeType else { return false }
        if type == .typeSymbolicLink {
            guard let target = try? destinationOfSymbolicLink(atPath: path) else { return false }
            let resolved = target.hasPrefix("/") ? target : (path as NSString).deletingLastPathComponent + "/" + target
            return isSpecialFile(atPath: resolved)
        }
        return type != .typeRegular && type != .typeDirectory
    }
}
