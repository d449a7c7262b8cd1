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
                throw MailPasswordError("The password file \(file.prefix(120)) cannot be read; check the path.")
            }
            guard info.st_mode & 0o077 == 0 else {
                throw MailPasswordError(
                    "The password file \(file.prefix(120)) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 on it first.")
            }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw MailPasswordError("The password file \(file.prefix(120)) cannot be read as UTF-8 text.")
            }
            let password = text.trimmingCharacters(in: .newlines)
            guard !password.isEmpty else { throw MailPasswordError("The password file \(file.prefix(120)) is empty.") }
            return password
        }
        if let value = environment[variable], !value.isEmpty { return value }
        return nil
    }
}

/// A password that cannot be used; the sentence never holds the password.
public struct MailPasswordError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
