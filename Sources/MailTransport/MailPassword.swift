public import Foundation

/// Where a mail password comes from: a file only its owner can read (`--password-file`, or the
/// file named by `VARIABLE_FILE`, for systemd units), the environment variable itself, or — when
/// none is given — `~/.netrc`, which curl reads itself.
public enum MailPassword {
    /// The password from `variable` in `environment`, else from `file`; nil means "use ~/.netrc".
    /// A file readable by anyone but its owner is refused: the password would not be secret.
    public static func resolve(variable: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                               file: String?) throws(MailPasswordError) -> String? {
        if let file = file ?? environment[variable + "_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            var info = stat()
            guard stat(file, &info) == 0 else {
                throw MailPasswordError(.fileMissing, file: file)
            }
            guard info.st_mode & 0o077 == 0 else {
                throw MailPasswordError(.readableByOthers(mode: Int(info.st_mode & 0o777)), file: file)
            }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw MailPasswordError(.notUTF8, file: file)
            }
            let password = text.trimmingCharacters(in: .newlines)
            guard !password.isEmpty else { throw MailPasswordError(.empty, file: file) }
            return password
        }
        if let value = environment[variable], !value.isEmpty { return value }
        return nil
    }
}

/// A password file that cannot be used: why, and the file (its first 120 characters); never the
/// password. The programs word it (`DeskFailure+MailAccount.swift` in DeskProgram).
public struct MailPasswordError: Error, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The file does not exist or cannot be examined.
        case fileMissing
        /// Others than its owner may read it (`mode`, the permission bits).
        case readableByOthers(mode: Int)
        /// Its bytes are not UTF-8.
        case notUTF8
        /// It holds nothing but line breaks.
        case empty
    }

    public let reason: Reason
    public let file: String

    public init(_ reason: Reason, file: String) {
        self.reason = reason
        self.file = String(file.prefix(120))
    }
}
