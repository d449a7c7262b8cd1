public import DeskCore
public import Foundation

/// A mailbox: optional display name and address.
public struct EmailAddress: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }
}

/// A composed message: the `.eml` text (CRLF line endings) and its Message-ID.
public struct ComposedEmail: Sendable, Hashable {
    /// `<dsar.REFERENCE.LETTERID.RANDOM@domain>`, angle brackets included.
    public var messageID: String
    /// The complete RFC 5322 message, CRLF line endings, ASCII only.
    public var eml: String

    public var data: Data { Data(eml.utf8) }
}

/// Builds a ready-to-send `.eml` (RFC 5322, MIME RFC 2045/2046, encoded words RFC 2047) from a letter.
///
/// The body is `multipart/alternative` with a base64 `text/plain; charset=utf-8` part and a
/// base64 `text/html; charset=utf-8` part. The Message-ID has the shape
/// `<dsar.REFERENCE.LETTERID.RANDOM@DOMAIN>` so that the intake recognises replies to letters we
/// sent (`EmailComposer.parseMessageID(_:)`).
public struct EmailComposer: Sendable {
    /// The right-hand side of our Message-IDs; `desk.invalid` unless the desk configures a domain.
    public var domain: String

    public init(domain: String = "desk.invalid") {
        self.domain = domain
    }

    /// Composes the message. `letter` should already carry its verification footer.
    ///
    /// - Parameters:
    ///   - reference: the request reference; it is put in front of the subject when missing.
    ///   - letterID: the stored letter's id, carried in the Message-ID.
    ///   - inReplyTo: the Message-ID of the requester's original message, with or without `<>`.
    ///   - references: earlier Message-IDs of the thread; `inReplyTo` is added when absent.
    public func compose(
        _ letter: RenderedLetter,
        from: EmailAddress,
        to: EmailAddress,
        reference: String,
        letterID: String,
        inReplyTo: String? = nil,
        references: [String] = [],
        date: Date
    ) -> ComposedEmail {
        let messageID = makeMessageID(reference: reference, letterID: letterID)
        let subject = letter.subject.contains(reference) ? letter.subject : "[\(reference)] \(letter.subject)"
        let boundary = "=_dsar_" + Self.randomHex(bytes: 12)

        var headers: [String] = []
        headers.append("From: " + Self.mailbox(from))
        headers.append("To: " + Self.mailbox(to))
        headers.append(Self.encodedHeader(name: "Subject", value: subject))
        headers.append("Date: " + Self.rfc5322Date(date))
        headers.append("Message-ID: " + messageID)
        var thread = references.map(Self.bracketed)
        if let inReplyTo {
            let original = Self.bracketed(inReplyTo)
            headers.append("In-Reply-To: " + original)
            if !thread.contains(original) { thread.append(original) }
        }
        if !thread.isEmpty {
            headers.append(Self.fold("References: " + thread.joined(separator: " ")))
        }
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        headers.append("Content-Language: " + letter.language.rawValue)

        var lines = headers
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, content) in [("text/plain", letter.text), ("text/html", letter.html)] {
            lines.append("--" + boundary)
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines.append(contentsOf: Self.base64Lines(Data(content.utf8)))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return ComposedEmail(messageID: messageID, eml: lines.joined(separator: "\r\n"))
    }

    /// A short plain-text message that is no letter of a request (the portal's one-time codes):
    /// UTF-8, base64, a fresh Message-ID `<dsar.portal.RANDOM@domain>`.
    public func composeNotice(subject: String, text: String, from: EmailAddress, to: EmailAddress, language: Language, date: Date) -> ComposedEmail {
        let messageID = "<dsar.portal.\(Self.randomHex(bytes: 12))@\(domain)>"
        var lines = [
            "From: " + Self.mailbox(from),
            "To: " + Self.mailbox(to),
            Self.encodedHeader(name: "Subject", value: subject),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: " + messageID,
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Content-Language: " + language.rawValue,
            "",
        ]
        lines.append(contentsOf: Self.base64Lines(Data(text.utf8)))
        lines.append("")
        return ComposedEmail(messageID: messageID, eml: lines.joined(separator: "\r\n"))
    }

    /// A fresh Message-ID `<dsar.REFERENCE.LETTERID.RANDOM@domain>`; non `[A-Za-z0-9-]` characters
    /// of the reference and letter id become `-`.
    public func makeMessageID(reference: String, letterID: String) -> String {
        "<dsar.\(Self.token(reference)).\(Self.token(letterID)).\(Self.randomHex(bytes: 8))@\(domain)>"
    }

    /// Reads back the reference and letter id from one of our Message-IDs, or nil for any other id.
    public static func parseMessageID(_ messageID: String) -> (reference: String, letterID: String)? {
        var id = messageID.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("<") { id.removeFirst() }
        if id.hasSuffix(">") { id.removeLast() }
        guard let at = id.firstIndex(of: "@") else { return nil }
        let parts = id[..<at].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "dsar", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    // MARK: - Header encoding

    static func token(_ value: String) -> String {
        String(value.map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) || c == "-" ? c : "-"
        })
    }

    static func bracketed(_ id: String) -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("<") ? trimmed : "<\(trimmed)>"
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// `Name <addr>`; the display name is a quoted string when ASCII, RFC 2047 words otherwise.
    static func mailbox(_ address: EmailAddress) -> String {
        guard let name = address.name?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
            return "<\(address.address)>"
        }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address.address)>"
        }
        return encodedWords(name).joined(separator: "\r\n ") + " <\(address.address)>"
    }

    /// `Name: value`, as RFC 2047 B-encoded words (each ≤ 75 characters, one per folded line)
    /// unless the value is printable ASCII.
    static func encodedHeader(name: String, value: String) -> String {
        let clean = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            return fold("\(name): \(clean)")
        }
        return "\(name): " + encodedWords(clean).joined(separator: "\r\n ")
    }

    /// Splits `text` into `=?UTF-8?B?…?=` words of at most 75 characters, never inside a character.
    static func encodedWords(_ text: String) -> [String] {
        let maxBytes = 45  // 60 base64 characters + 12 for "=?UTF-8?B?" and "?=" = 72 ≤ 75
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words
    }

    /// Folds an ASCII header at spaces so that lines stay near 78 characters (and always ≤ 998).
    static func fold(_ header: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in header.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > 78 {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// `date` as an RFC 5322 `Date:` value, in the desk's Tashkent time (`Tue, 01 Dec 2026 14:00:00 +0500`).
    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tashkent") ?? TimeZone(secondsFromGMT: 5 * 3600)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    static func base64Lines(_ data: Data) -> [String] {
        let encoded = data.base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }
}
