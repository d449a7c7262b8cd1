import ArgumentParser
import DeskProgram
import Foundation

/// Where a report goes: standard output, or a file given with `--out`.
///
/// A file is written under a temporary name next to it and renamed at the end, so a failure
/// half-way leaves no partial report behind ("nothing written").
final class ReportOutput {
    private let handle: FileHandle
    private let destination: URL?
    private let partial: URL?

    /// Checks `--out` before anything runs: its directory must exist and it must not be a directory.
    static func validate(_ path: String?) throws {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--out \(path) is a directory; give a file name such as \(path)/report.html.")
        }
        let directory = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("The directory \(directory.path) for --out does not exist; create it first or choose another path.")
        }
    }

    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            destination = nil
            partial = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        if FileManager.default.isSpecialFile(atPath: path), let device = FileHandle(forWritingAtPath: path) {
            handle = device
            destination = nil
            partial = nil
            return
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let file = try? FileHandle(forWritingTo: temporary)
        else {
            throw DeskFailure(
                message: "Cannot write to \(url.deletingLastPathComponent().path); check its permissions or choose another --out.",
                exitCode: DeskFailure.badInput)
        }
        handle = file
        destination = url
        partial = temporary
    }

    deinit {
        // Not finished: a failure happened; remove the partial file.
        if let partial, FileManager.default.fileExists(atPath: partial.path) {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
        }
    }

    func write(_ text: String) throws {
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Puts the file in place (replacing an older one); nothing to do for standard output.
    func finish() throws {
        guard let destination, let partial else { return }
        try handle.close()
        // rename(2) replaces an existing file atomically.
        guard rename(partial.path, destination.path) == 0 else {
            throw DeskFailure(
                message: "Cannot put the report at \(destination.path); check the directory's permissions.",
                exitCode: DeskFailure.unexpected)
        }
    }
}
