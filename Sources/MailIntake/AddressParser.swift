/// Parses address headers (From, To, Reply-To, Cc): display names, quoted names, comments,
/// groups (`undisclosed-recipients:;`) and encoded-word names.
///
/// Some mailers and web forms put the whole mailbox into the display name, or into one encoded
/// word (`From: =?UTF-8?B?…?=` holding `Иван Петров <ivan@example.ru>`): the address is read from
/// the decoded text then.
public enum AddressParser {
    /// Every mailbox in `value`; entries without an `@` address, even once decoded, are skipped.
    public static func parse(_ value: String) -> [MailAddress] {
        var addresses: [MailAddress] = []
        for entry in splitEntries(value) {
            if let address = mailbox(from: entry) {
                addresses.append(address)
                continue
            }
            let decoded = EncodedWordDecoder.decode(entry).text
            guard decoded != entry else { continue }
            if let address = mailbox(from: decoded, nested: true) {
                addresses.append(address)
            } else {
                addresses += splitEntries(decoded).compactMap { mailbox(from: $0, nested: true) }
            }
        }
        return addresses
    }

    /// Splits at top-level commas and group markers, respecting quotes, comments and angle brackets.
    static func splitEntries(_ value: String) -> [String] {
        value.isPlainASCII ? splitEntries(bytes: Array(value.utf8)) : splitEntriesByCharacters(value)
    }

    /// `splitEntries` character by character (the definition).
    static func splitEntriesByCharacters(_ value: String) -> [String] {
        var entries: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var commentDepth = 0
        var inAngle = false
        for character in value {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" && (inQuotes || commentDepth > 0) { current.append(character); escaped = true; continue }
            if inQuotes {
                current.append(character)
                if character == "\"" { inQuotes = false }
                continue
            }
            switch character {
            case "\"" where commentDepth == 0:
                inQuotes = true; current.append(character)
            case "(":
                commentDepth = min(commentDepth + 1, 64); current.append(character)
            case ")" where commentDepth > 0:
                commentDepth -= 1; current.append(character)
            case "<" where commentDepth == 0:
                inAngle = true; current.append(character)
            case ">" where commentDepth == 0:
                inAngle = false; current.append(character)
            case ":" where commentDepth == 0 && !inAngle:
                current = ""   // a group name: its members follow
            case "," where commentDepth == 0 && !inAngle, ";" where commentDepth == 0 && !inAngle:
                entries.append(current); current = ""
            default:
                current.append(character)
            }
        }
        entries.append(current)
        return entries.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// `splitEntries` of plain ASCII (`String.isPlainASCII`), where each byte is a character.
    static func splitEntries(bytes: [UInt8]) -> [String] {
        var entries: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var escaped = false
        var commentDepth = 0
        var inAngle = false
        func finish() {
            var first = 0
            var end = current.count
            while first < end && isSpaceByte(current[first]) { first += 1 }
            while end > first && isSpaceByte(current[end - 1]) { end -= 1 }
            if first < end { entries.append(String(decoding: current[first..<end], as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            if escaped { current.append(byte); escaped = false; continue }
            if byte == 0x5C && (inQuotes || commentDepth > 0) { current.append(byte); escaped = true; continue }  // \
            if inQuotes {
                current.append(byte)
                if byte == 0x22 { inQuotes = false }
                continue
            }
            switch byte {
            case 0x22 where commentDepth == 0:  // "
                inQuotes = true; current.append(byte)
            case 0x28:  // (
                commentDepth = min(commentDepth + 1, 64); current.append(byte)
            case 0x29 where commentDepth > 0:  // )
                commentDepth -= 1; current.append(byte)
            case 0x3C where commentDepth == 0:  // <
                inAngle = true; current.append(byte)
            case 0x3E where commentDepth == 0:  // >
                inAngle = false; current.append(byte)
            case 0x3A where commentDepth == 0 && !inAngle:  // : a group name: its members follow
                current.removeAll(keepingCapacity: true)
            case 0x2C where commentDepth == 0 && !inAngle, 0x3B where commentDepth == 0 && !inAngle:  // , ;
                finish()
            default:
                current.append(byte)
            }
        }
        finish()
        return entries
    }

    static func isSpaceByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    /// One mailbox; `nested` when `entry` is itself a decoded display name (read once, not again).
    private static func mailbox(from entry: String, nested: Bool = false) -> MailAddress? {
        let (text, comments) = entry.isPlainASCII ? withoutComments(bytes: Array(entry.utf8)) : withoutComments(entry)
        var name: String?
        var email: String
        if let open = text.lastIndex(of: "<") {
            let afterOpen = text.index(after: open)
            let close = text[afterOpen...].firstIndex(of: ">") ?? text.endIndex
            email = String(text[afterOpen..<close])
            name = cleanName(String(text[..<open]))
        } else {
            email = text
        }
        email = email.trimmingSpaces.filter { $0 != " " && $0 != "\"" }
        // Source routes (<@relay:user@host>) keep only the mailbox.
        if email.hasPrefix("@"), let colon = email.firstIndex(of: ":") { email = String(email[email.index(after: colon)...]) }
        // A display name holding a whole mailbox (`"Ivan <ivan@x.ru>" <noreply@form.x>`, or with no
        // address outside it): the name's own name, and its address when the outer one is missing
        // or a system sender's (a web form's notification).
        if !nested, let held = name, held.utf8.contains(0x40), held.utf8.contains(0x3C),  // "@" and "<"
           let inner = mailbox(from: held, nested: true) {
            let usable = email.contains("@") && email.count <= 320
            guard usable, !isSystemSender(email) else { return inner }
            name = inner.name ?? name
        }
        guard email.contains("@"), email.count <= 320 else { return nil }
        if name == nil, let first = comments.first { name = cleanName(first) }
        return MailAddress(name: name, email: email)
    }

    /// The entry without its comments (outside quotes), and the comments.
    static func withoutComments(_ entry: String) -> (String, [String]) {
        var comments: [String] = []
        var text = ""
        var depth = 0
        var comment = ""
        var inQuotes = false
        for character in entry {
            if inQuotes {
                text.append(character)
                if character == "\"" { inQuotes = false }
                continue
            }
            if character == "\"" && depth == 0 { inQuotes = true; text.append(character); continue }
            if character == "(" { depth += 1; if depth == 1 { continue } }
            if character == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { comments.append(comment); comment = ""; continue }
            }
            if depth > 0 { comment.append(character) } else { text.append(character) }
        }
        return (text, comments)
    }

    /// `withoutComments` of plain ASCII, byte by byte.
    static func withoutComments(bytes entry: [UInt8]) -> (String, [String]) {
        var comments: [String] = []
        var text: [UInt8] = []
        text.reserveCapacity(entry.count)
        var depth = 0
        var comment: [UInt8] = []
        var inQuotes = false
        for byte in entry {
            if inQuotes {
                text.append(byte)
                if byte == 0x22 { inQuotes = false }
                continue
            }
            if byte == 0x22 && depth == 0 { inQuotes = true; text.append(byte); continue }
            if byte == 0x28 { depth += 1; if depth == 1 { continue } }
            if byte == 0x29 && depth > 0 {
                depth -= 1
                if depth == 0 { comments.append(String(decoding: comment, as: UTF8.self)); comment = []; continue }
            }
            if depth > 0 { comment.append(byte) } else { text.append(byte) }
        }
        return (String(decoding: text, as: UTF8.self), comments)
    }

    /// `noreply@…`, `mailer-daemon@…` and the like (`AutomatedMailDetector.systemSenders`).
    static func isSystemSender(_ email: String) -> Bool {
        guard let at = email.firstIndex(of: "@") else { return false }
        return AutomatedMailDetector.systemSenders.contains(email[..<at].lowercased())
    }

    static func cleanName(_ raw: String) -> String? {
        if raw.isPlainASCII, !raw.utf8.containsBytes(of: "=?") { return cleanName(bytes: Array(raw.utf8)) }
        return cleanNameByCharacters(raw)
    }

    /// `cleanName` character by character (the definition).
    static func cleanNameByCharacters(_ raw: String) -> String? {
        var name = raw.trimmingSpaces
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
            name = String(name.dropFirst().dropLast())
        }
        name = name.replacingAll("\\\"", with: "\"")
        name = EncodedWordDecoder.decode(name).text.trimmingSpaces
        name = MojibakeRepair.repair(name).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return name.isEmpty ? nil : name
    }

    /// `cleanName` of plain ASCII without encoded words (which decoding and mojibake repair leave
    /// as they are): trimmed, unquoted, `\"` unescaped, trimmed again, runs of spaces as one.
    static func cleanName(bytes: [UInt8]) -> String? {
        var first = 0
        var end = bytes.count
        while first < end && isSpaceByte(bytes[first]) { first += 1 }
        while end > first && isSpaceByte(bytes[end - 1]) { end -= 1 }
        if end - first >= 2 && bytes[first] == 0x22 && bytes[end - 1] == 0x22 { first += 1; end -= 1 }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(end - first)
        var index = first
        while index < end {
            if bytes[index] == 0x5C && index + 1 < end && bytes[index + 1] == 0x22 {
                unescaped.append(0x22)
                index += 2
            } else {
                unescaped.append(bytes[index])
                index += 1
            }
        }
        first = 0
        end = unescaped.count
        while first < end && isSpaceByte(unescaped[first]) { first += 1 }
        while end > first && isSpaceByte(unescaped[end - 1]) { end -= 1 }
        var name: [UInt8] = []
        name.reserveCapacity(end - first)
        for byte in unescaped[first..<end] {
            if byte == 0x20 && (name.isEmpty || name.last == 0x20) { continue }
            name.append(byte)
        }
        if name.last == 0x20 { name.removeLast() }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }
}
