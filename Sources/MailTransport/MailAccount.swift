import Foundation

/// A mail server account named by a URL: `imaps://dpo@mail.example.uz/INBOX`,
/// `imap://dpo@host:143/Requests` (STARTTLS), `smtps://dpo@host`, `smtp://dpo@host:587`.
///
/// The URL never carries the password: it comes from the environment, a file or `~/.netrc`
/// and lives only in `MailCredentials`.
public struct MailAccount: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Hashable {
        case imap, imaps, smtp, smtps

        /// Whether the connection is TLS from the first byte (otherwise STARTTLS).
        public var implicitTLS: Bool { self == .imaps || self == .smtps }
        public var isIMAP: Bool { self == .imap || self == .imaps }
        public var defaultPort: Int {
            switch self {
            case .imap: 143
            case .imaps: 993
            case .smtp: 587
            case .smtps: 465
            }
        }
    }

    public let scheme: Scheme
    /// The login name (may be empty for a server that needs none, e.g. a local relay).
    public let user: String
    public let host: String
    public let port: Int
    /// The IMAP folder (`INBOX` when the URL names none); empty for SMTP.
    public let folder: String

    /// The account as the desk remembers it (`imaps://dpo@mail.example.uz:993`), without folder.
    public var name: String {
        let login = user.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "@", with: "%40")
        return "\(scheme.rawValue)://\(login.isEmpty ? "" : login + "@")\(host):\(port)"
    }
    public var description: String { folder.isEmpty ? name : "\(name)/\(folder)" }

    /// The URL curl is given: no user, no password; the folder percent-encoded.
    var serverURL: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.rawValue)://\(hostPart):\(port)/"
    }

    public init(scheme: Scheme, user: String, host: String, port: Int? = nil, folder: String = "") {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port ?? scheme.defaultPort
        self.folder = folder
    }

    /// Parses a mail URL, or says what is wrong with it.
    public init(parsing text: String) throws(MailAccountError) {
        guard let components = URLComponents(string: text), let schemeText = components.scheme?.lowercased(),
              let scheme = Scheme(rawValue: schemeText)
        else {
            throw MailAccountError(.notAMailURL(String(text.prefix(80))))
        }
        guard let host = components.host, !host.isEmpty else {
            throw MailAccountError(.noServer(scheme))
        }
        if components.password != nil {
            throw MailAccountError(.passwordInURL)
        }
        let user = components.user.map { $0.removingPercentEncoding ?? $0 } ?? ""
        var folder = components.path
        while folder.hasPrefix("/") { folder.removeFirst() }
        folder = folder.removingPercentEncoding ?? folder
        if scheme.isIMAP {
            if folder.isEmpty { folder = "INBOX" }
            if folder.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline || $0 == ";" }) {
                throw MailAccountError(.folderUnsupported(String(folder.prefix(60))))
            }
        } else if !folder.isEmpty {
            throw MailAccountError(.folderInSMTPURL(scheme, host: host))
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw MailAccountError(.portOutOfRange(port))
        }
        self.init(scheme: scheme, user: user, host: host, port: components.port, folder: folder)
    }

    /// The same account with another folder (for `--move-to`).
    public func with(folder: String) -> MailAccount {
        MailAccount(scheme: scheme, user: user, host: host, port: port, folder: folder)
    }
}

/// A mail URL the desk cannot use: what is wrong, with the values it is about (the programs word
/// it, `DeskFailure+MailAccount.swift` in DeskProgram).
public struct MailAccountError: Error, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The text (its first 80 characters) is no imap/imaps/smtp/smtps URL.
        case notAMailURL(String)
        /// The URL names no host.
        case noServer(MailAccount.Scheme)
        /// The URL carries a password.
        case passwordInURL
        /// The folder (its first 60 characters) holds a quote, backslash, semicolon or line break.
        case folderUnsupported(String)
        /// An SMTP URL with a path.
        case folderInSMTPURL(MailAccount.Scheme, host: String)
        /// The port is outside 1–65535.
        case portOutOfRange(Int)
    }

    public let reason: Reason
    /// The desk setting the URL was read from (`mail.smtp_url`), when it came from one.
    public let setting: String?

    public init(_ reason: Reason, setting: String? = nil) {
        self.reason = reason
        self.setting = setting
    }
}
