/// Removes quoted text from replies so classification reads only what the sender wrote:
/// `>` lines, and everything from an attribution line ("On … wrote:", "… пишет:",
/// "… yozdi:", "-----Original Message-----", an Outlook `From:` block) onwards.
public enum QuotedTextStripper {
    /// Endings of attribution lines, lower case, in the desk's four languages.
    static let attributionEndings = ["wrote:", "writes:", "пишет:", "написал:", "написала:", "написал(а):",
                                     "yozdi:", "ёзди:", "ezdi:", "yozgan:"]
    /// Separator lines that start the quoted original.
    static let separators = ["-----original message-----", "----- original message -----",
                             "-----исходное сообщение-----", "----- исходное сообщение -----",
                             "-----asl xabar-----", "-----оригинальное сообщение-----"]

    /// The first halves of the pairs of `isOutlookHeader`: no other line can start such a header.
    static let outlookFroms = ["from:", "от:", "kimdan:"]

    static func isOutlookHeader(_ line: String, next: [String]) -> Bool {
        let pairs = [("from:", "sent:"), ("от:", "отправлено:"), ("kimdan:", "yuborildi:"), ("from:", "date:")]
        return pairs.contains { from, sent in line.hasPrefix(from) && next.contains { $0.hasPrefix(sent) } }
    }

    /// Subject prefixes of a forwarded message (after any `Re:`): English, German, French, Russian, Uzbek.
    static let forwardPrefixes = ["fw:", "fwd:", "wg:", "tr:", "пересл:", "fw :", "fwd :"]

    /// Whether the subject says the message is forwarded (`FW: …`, `Fwd: Re: …`, `Пересл: …`).
    public static func isForward(subject: String) -> Bool {
        var lower = subject.trimmingSpaces.lowercased()
        for _ in 0..<3 where lower.hasPrefix("re:") || lower.hasPrefix("ответ:") || lower.hasPrefix("aw:") {
            lower = String(lower.drop { $0 != ":" }.dropFirst()).trimmingSpaces
        }
        return forwardPrefixes.contains { lower.hasPrefix($0) }
    }

    /// What the sender asks, read from a message with this subject: a forward's original is the
    /// request (a colleague passes a customer's letter on with one line of their own), so it is
    /// kept, without its header block and separator lines; any other message loses its quoted text.
    /// (Twelve corpus messages are forwards; three of them read as an empty note before.)
    public static func requestText(_ text: String, subject: String) -> String {
        guard isForward(subject: subject) else { return strip(text) }
        let headerNames = ["from:", "sent:", "to:", "cc:", "date:", "subject:", "от:", "отправлено:", "кому:", "тема:",
                           "дата:", "копия:", "kimdan:", "yuborildi:", "kimga:", "mavzu:", "sana:"]
        var kept: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let line = rawLine.trimmingSpaces
            let lower = line.lowercased()
            if lower.hasPrefix("-----") || lower.hasPrefix("_____") || lower.hasPrefix("---------- ") { continue }
            if headerNames.contains(where: { lower.hasPrefix($0) }) { continue }
            kept.append(line.hasPrefix(">") ? String(line.drop { $0 == ">" || $0 == " " }) : rawLine)
        }
        return kept.joined(separator: "\n")
    }

    /// The text without quoted parts; unchanged when it has none.
    public static func strip(_ text: String) -> String {
        let lines = Self.lines(text)
        var kept: [String] = []
        for (index, rawLine) in lines.enumerated() {
            // Every rule below needs a `:` or `>` in the line, or a line starting with `-` or `_`:
            // a line with none of them is kept without being trimmed or lower-cased.
            guard mayBeQuoteMarker(rawLine) else {
                kept.append(rawLine)
                continue
            }
            let line = rawLine.trimmingSpaces
            let lower = line.lowercased()
            if separators.contains(where: { lower.hasPrefix($0) }) { break }
            if attributionEndings.contains(where: { lower.hasSuffix($0) }) {
                // "On Mon, … Desk <desk@…>" may have wrapped onto the line before.
                if let last = kept.last?.trimmingSpaces.lowercased(), last.hasPrefix("on ") || last.hasPrefix("в ") || last.hasPrefix("20") {
                    kept.removeLast()
                }
                break
            }
            // Gmail in Russian and Uzbek: "пт, 6 мар. 2026 г. в 12:00, Desk <dpo@example.uz>:".
            if line.hasSuffix(">:") && line.contains("@") { break }
            // Outlook without the underscore line: "From: …" then "Sent: …" (or "От:" then "Отправлено:").
            if outlookFroms.contains(where: { lower.hasPrefix($0) }),
               isOutlookHeader(lower, next: lines.dropFirst(index + 1).prefix(3).map { $0.trimmingSpaces.lowercased() }) {
                break
            }
            if line.hasPrefix("_____"), index + 1 < lines.count,
               lines[index + 1].trimmingSpaces.lowercased().hasPrefix("from:") || lines[index + 1].trimmingSpaces.lowercased().hasPrefix("от:") {
                break
            }
            if line.hasPrefix(">") { continue }
            kept.append(rawLine)
        }
        while let last = kept.last, last.trimmingSpaces.isEmpty { kept.removeLast() }
        if kept.count == lines.count { return text }  // nothing removed: the lines joined are the text
        return kept.joined(separator: "\n")
    }

    /// The lines of `text`, split at LF characters; by bytes when there is no CR (then every LF
    /// is a character of its own; CR LF is one character, which splitting by characters keeps).
    static func lines(_ text: String) -> [String] {
        guard let lines = text.utf8.withContiguousStorageIfAvailable({ bytes -> [String]? in
            guard !bytes.contains(0x0D) else { return nil }
            var lines: [String] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
            return lines
        }), let lines else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return lines
    }

    /// Whether `line` holds a `:` or `>`, or its first byte other than a space, tab, CR or LF is `-` or `_`.
    static func mayBeQuoteMarker(_ line: String) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D) { start += 1 }
            if start < bytes.count && (bytes[start] == 0x2D || bytes[start] == 0x5F) { return true }
            return bytes.contains { $0 == 0x3A || $0 == 0x3E }
        } ?? true
    }
}
