/// Turns an HTML body into plain text: tags stripped, script/style dropped, entities decoded,
/// paragraph and line breaks kept.
public enum HTMLText {
    static let lineTags: Set<String> = ["br", "li", "tr"]
    static let blockTags: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "table", "ul", "ol", "hr", "section", "article", "header", "footer", "pre", "title",
    ]
    static let droppedTags: Set<String> = ["script", "style", "head", "noscript", "template"]
    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "laquo": "«", "raquo": "»", "mdash": "—", "ndash": "–", "hellip": "…",
        "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "bdquo": "„", "copy": "©",
        "reg": "®", "euro": "€", "shy": "", "zwnj": "", "numero": "№", "sect": "§",
    ]

    /// The text of `html`.
    public static func text(from html: String) -> String {
        let characters = Array(html)
        var output = ""
        var index = 0
        var dropping: String?
        while index < characters.count {
            let character = characters[index]
            if character == "<" {
                // Comments
                if index + 3 < characters.count, characters[index + 1] == "!", characters[index + 2] == "-", characters[index + 3] == "-" {
                    var end = index + 4
                    while end + 2 < characters.count, !(characters[end] == "-" && characters[end + 1] == "-" && characters[end + 2] == ">") { end += 1 }
                    index = min(end + 3, characters.count)
                    continue
                }
                var end = index + 1
                while end < characters.count, characters[end] != ">" { end += 1 }
                let inside = String(characters[(index + 1)..<min(end, characters.count)])
                index = min(end + 1, characters.count)
                let closing = inside.hasPrefix("/")
                let name = String(inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
                if let dropped = dropping {
                    if closing && name == dropped { dropping = nil }
                    continue
                }
                if droppedTags.contains(name) && !closing && !inside.hasSuffix("/") { dropping = name; continue }
                if lineTags.contains(name) {
                    if !closing { output.append("\n") }
                } else if blockTags.contains(name) {
                    output.append("\n\n")
                } else if name == "td" || name == "th" {
                    output.append(" ")
                }
                continue
            }
            if dropping != nil { index += 1; continue }
            if character == "&" {
                var end = index + 1
                while end < characters.count, end - index < 12, characters[end] != ";", characters[end] != "&", characters[end] != " " { end += 1 }
                if end < characters.count, characters[end] == ";" {
                    let name = String(characters[(index + 1)..<end])
                    if let decoded = decodeEntity(name) {
                        output.append(decoded)
                        index = end + 1
                        continue
                    }
                }
            }
            output.append(character == "\r\n" || character == "\n" || character == "\t" || character == "\r" ? " " : character)
            index += 1
        }
        return normalizeWhitespace(output)
    }

    static func decodeEntity(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let body = name.dropFirst()
            let value = body.hasPrefix("x") || body.hasPrefix("X") ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return String(Character(scalar))
        }
        return entities[name] ?? entities[name.lowercased()]
    }

    /// Collapses runs of spaces, trims lines, and keeps at most one empty line between paragraphs.
    static func normalizeWhitespace(_ text: String) -> String {
        var lines: [String] = []
        var blank = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " ")
            if line.isEmpty {
                blank += 1
                if blank == 1 && !lines.isEmpty { lines.append("") }
            } else {
                blank = 0
                lines.append(line)
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
