public import MailTransport

extension DeskFailure {
    /// A mail URL the desk cannot use (exit 2); never a password.
    public init(account error: MailAccountError) {
        self.init(message: (error.setting.map { "\($0): " } ?? "") + Self.sentence(error), exitCode: Self.badInput)
    }

    /// A password file that cannot be used (exit 2); never the password.
    public init(password error: MailPasswordError) {
        self.init(message: Self.sentence(error), exitCode: Self.badInput)
    }

    /// What is wrong with the URL, without the setting it came from.
    public static func sentence(_ error: MailAccountError) -> String {
        switch error.reason {
        case .notAMailURL(let text): return "\(text) is not a mail URL; write imaps://user@host/INBOX (or imap://, smtps://, smtp://)."
        case .noServer(let scheme):
            return "The mail URL names no server; write it as \(scheme.rawValue)://user@host\(scheme.isIMAP ? "/INBOX" : "")."
        case .passwordInURL:
            return "Passwords do not belong in the mail URL; give it in the environment variable, a --password-file or ~/.netrc."
        case .folderUnsupported(let folder):
            return "The folder name \(folder) contains a quote, backslash, semicolon or line break, which the desk does not support."
        case .folderInSMTPURL(let scheme, let host): return "An SMTP URL names no folder; write \(scheme.rawValue)://user@\(host)."
        case .portOutOfRange(let port): return "The port \(port) is not a TCP port (1–65535)."
        }
    }

    public static func sentence(_ error: MailPasswordError) -> String {
        let file = error.file
        switch error.reason {
        case .fileMissing: return "The password file \(file) cannot be read; check the path."
        case .readableByOthers(let mode):
            return "The password file \(file) can be read by others (mode \(String(mode, radix: 8))); run chmod 600 on it first."
        case .notUTF8: return "The password file \(file) cannot be read as UTF-8 text."
        case .empty: return "The password file \(file) is empty."
        }
    }
}
