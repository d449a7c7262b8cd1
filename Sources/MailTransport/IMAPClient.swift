import CCurl

/// An IMAP session over one libcurl handle: folder status, new UIDs, messages by UID, flags
/// and moves. One login serves every call.
///
/// Messages are fetched from a folder opened with `EXAMINE` (read-only), so reading a
/// message never marks it `\Seen`: `markSeen` and `move` run only when the caller says the
/// message is stored, after re-opening the folder read-write.
public final class IMAPClient {
    public let account: MailAccount
    private let curl: CurlEasy
    private var openedReadOnly = false
    private var offered: Set<String>?

    public init(account: MailAccount, options: MailConnectionOptions) throws(MailTransportError) {
        guard account.scheme.isIMAP else {
            throw MailTransportError(kind: .other, curlCode: 0, curlMessage: "\(account.name) is not an IMAP account",
                                     serverReply: nil)
        }
        self.account = account
        curl = try CurlEasy()
        curl.configure(for: account, options: options)
    }

    /// The folder's UIDVALIDITY, UIDNEXT and message count. Also proves the login works.
    public func status() throws(MailTransportError) -> IMAPFolderStatus {
        let response = try opening { () throws(MailTransportError) in
            try command("STATUS \(Self.mailbox(account.folder)) (MESSAGES UIDNEXT UIDVALIDITY)", inFolder: false)
        }
        guard let status = IMAPFolderStatus.parse(response) else {
            throw MailTransportError(kind: .folder, curlCode: 0,
                                     curlMessage: "The server gave no UIDVALIDITY for the folder \(account.folder)",
                                     serverReply: nil)
        }
        return status
    }

    /// The UIDs above `after` and below `before` (the folder's UIDNEXT), ascending.
    ///
    /// Asked for in windows of 500 UIDs (a response line of at most about 3.5 KB): libcurl hands
    /// over an untagged response line through a buffer of limited size, and one SEARCH of a large
    /// folder was cut short.
    public func uids(after: UInt32, before uidNext: UInt32) throws(MailTransportError) -> [UInt32] {
        var uids: [UInt32] = []
        var low = UInt64(after) + 1
        let window: UInt64 = 500
        while low < UInt64(uidNext) {
            let high = min(UInt64(uidNext) - 1, low + window - 1)
            let response = try command("UID SEARCH UID \(low):\(high)", inFolder: true)
            for line in String(decoding: response, as: UTF8.self).split(whereSeparator: \.isNewline)
            where line.hasPrefix("* SEARCH") {
                for word in line.dropFirst("* SEARCH".count).split(separator: " ") {
                    if let uid = UInt32(word), UInt64(uid) >= low, UInt64(uid) <= high { uids.append(uid) }
                }
            }
            low = high + 1
        }
        return uids.sorted()
    }

    /// The raw bytes of the message with `uid`, read without setting `\Seen`; nil when the
    /// message is gone (expunged meanwhile).
    public func fetch(uid: UInt32) throws(MailTransportError) -> [UInt8]? {
        if !openedReadOnly {
            // libcurl selects the folder for the first command (SELECT), then sends EXAMINE as a
            // custom command; it keeps its note of the selected folder, so the fetches that
            // follow run in the read-only session.
            _ = try command("NOOP", inFolder: true)
            _ = try opening { () throws(MailTransportError) in try command("EXAMINE \(Self.mailbox(account.folder))", inFolder: true) }
            openedReadOnly = true
        }
        // An answer without the message (libcurl took an unsolicited FETCH of flags for it, say) is
        // asked again; a message the folder still lists but the server will not hand over is an
        // error, never skipped: skipping would move the remembered UID past a message not stored.
        for _ in 0..<3 {
            curl.set(CURLOPT_CUSTOMREQUEST, nil)
            curl.set(CURLOPT_URL, folderURL + "/;UID=\(uid)")
            do {
                let response = try curl.perform()
                if !response.body.isEmpty { return response.body }
            } catch where error.kind == .folder || error.curlCode == Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue) {
            }
        }
        let listed = try command("UID SEARCH UID \(uid)", inFolder: true)
        let stillThere = String(decoding: listed, as: UTF8.self).split(whereSeparator: \.isNewline).contains { line in
            line.hasPrefix("* SEARCH") && line.split(separator: " ").dropFirst(2).contains { UInt32($0) == uid }
        }
        guard !stillThere else {
            throw MailTransportError(kind: .other, curlCode: 0,
                                     curlMessage: "The server lists the message with UID \(uid) but does not hand it over",
                                     serverReply: nil)
        }
        return nil  // expunged meanwhile
    }

    /// Sets `\Seen` on `uids`.
    public func markSeen(_ uids: [UInt32]) throws(MailTransportError) {
        guard !uids.isEmpty else { return }
        try openReadWrite()
        _ = try command("UID STORE \(Self.set(uids)) +FLAGS.SILENT (\\Seen)", inFolder: true)
    }

    /// Moves `uids` to `folder`: UID MOVE (RFC 6851) where the server offers it; else, as RFC 6851
    /// §3.3 describes, UID COPY, then `\Deleted`, then UID EXPUNGE of exactly those UIDs where the
    /// server offers UIDPLUS (RFC 4315). Without UIDPLUS the originals stay marked `\Deleted`: a
    /// plain EXPUNGE would also remove messages someone else marked and did not mean to lose yet.
    public func move(_ uids: [UInt32], to folder: String) throws(MailTransportError) {
        guard !uids.isEmpty else { return }
        try openReadWrite()
        let set = Self.set(uids)
        let offered = try capabilities()
        if offered.contains("MOVE") {
            _ = try command("UID MOVE \(set) \(Self.mailbox(folder))", inFolder: true)
            return
        }
        _ = try command("UID COPY \(set) \(Self.mailbox(folder))", inFolder: true)
        _ = try command("UID STORE \(set) +FLAGS.SILENT (\\Deleted)", inFolder: true)
        if offered.contains("UIDPLUS") { _ = try command("UID EXPUNGE \(set)", inFolder: true) }
    }

    /// The server's capabilities once logged in (upper case), asked once per session.
    public func capabilities() throws(MailTransportError) -> Set<String> {
        if let offered { return offered }
        let response = String(decoding: try command("CAPABILITY", inFolder: false), as: UTF8.self)
        var found: Set<String> = []
        for line in response.split(whereSeparator: \.isNewline) where line.hasPrefix("* CAPABILITY ") {
            for word in line.dropFirst("* CAPABILITY ".count).split(separator: " ") { found.insert(word.uppercased()) }
        }
        offered = found
        return found
    }

    /// Whether `folder` exists (LIST).
    public func folderExists(_ folder: String) throws(MailTransportError) -> Bool {
        let response = try command("LIST \"\" \(Self.mailbox(folder))", inFolder: false)
        return String(decoding: response, as: UTF8.self).contains("* LIST")
    }

    // MARK: -

    private var folderURL: String { account.serverURL + Self.percentEncoded(IMAPMailboxName.encoded(account.folder)) }

    private func openReadWrite() throws(MailTransportError) {
        guard openedReadOnly else { return }
        _ = try opening { () throws(MailTransportError) in try command("SELECT \(Self.mailbox(account.folder))", inFolder: true) }
        openedReadOnly = false
    }

    /// Runs a command that opens the account's folder (STATUS, EXAMINE, SELECT): once logged in, a
    /// `NO` to it says the folder does not exist or may not be read, whatever words a server
    /// chooses ("Mailbox doesn't exist", "Unknown Mailbox", "[NONEXISTENT]", "[NOPERM]").
    private func opening(_ body: () throws(MailTransportError) -> [UInt8]) throws(MailTransportError) -> [UInt8] {
        do {
            return try body()
        } catch where error.kind == .other || error.kind == .permanent {
            guard let reply = error.serverReply, CurlEasy.isRefusal(reply) else { throw error }
            throw MailTransportError(kind: .folder, curlCode: error.curlCode, curlMessage: error.curlMessage, serverReply: reply)
        }
    }

    private func command(_ text: String, inFolder: Bool) throws(MailTransportError) -> [UInt8] {
        curl.set(CURLOPT_URL, inFolder ? folderURL : account.serverURL)
        curl.set(CURLOPT_CUSTOMREQUEST, text)
        defer { curl.set(CURLOPT_CUSTOMREQUEST, nil) }
        return try curl.perform().body
    }

    /// A folder name as an IMAP quoted string in modified UTF-7 (the names were checked to hold
    /// no quote or backslash).
    static func mailbox(_ folder: String) -> String { "\"\(IMAPMailboxName.encoded(folder))\"" }

    /// A UID set: `3,5,7`.
    static func set(_ uids: [UInt32]) -> String { uids.map(String.init).joined(separator: ",") }

    /// A folder name as a URL path segment.
    static func percentEncoded(_ folder: String) -> String {
        var out = ""
        for byte in folder.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
