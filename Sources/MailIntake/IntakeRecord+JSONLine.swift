import DeskCore

/// The JSON line of a record written directly as bytes: the same text as `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` gives for `encode(to:)` (a test compares the two), at
/// a fraction of its cost (no boxing into an `Encoder`, no key sorting per line).
extension IntakeRecord {
    /// The record as one line of JSON, followed by a line feed.
    public var jsonLine: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        // The keys of `encode(to:)` in sorted order.
        out.append(contentsOf: #"{"confidence":"#.utf8)
        if let confidence { JSONText.append(confidence, to: &out) } else { out.append(contentsOf: JSONText.null) }
        JSONText.appendKey("date", date, to: &out)
        JSONText.appendKey("from_email", fromEmail, to: &out)
        JSONText.appendKey("from_name", fromName, to: &out)
        out.append(contentsOf: #","kinds":["#.utf8)
        for (index, kind) in kinds.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.append(kind, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        JSONText.appendKey("language", language, to: &out)
        JSONText.appendKey("message_id", messageID, to: &out)
        JSONText.appendKey("reason", reason, to: &out)
        JSONText.appendKey("reference", reference, to: &out)
        JSONText.appendKey("source", source, to: &out)
        JSONText.appendKey("status", status, to: &out)
        JSONText.appendKey("subject", subject, to: &out)
        if let suggested {
            out.append(contentsOf: #","suggested":["#.utf8)
            for (index, score) in suggested.enumerated() {
                out.append(contentsOf: (index > 0 ? #",{"kind":"# : #"{"kind":"#).utf8)
                JSONText.append(score.right.rawValue, to: &out)
                out.append(contentsOf: #","probability":"#.utf8)
                JSONText.append(score.probability, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "}\n".utf8)
        return out
    }
}

/// JSON values as `JSONEncoder` writes them (without escaping slashes).
enum JSONText {
    static let null = Array("null".utf8)
    static let hex = Array("0123456789abcdef".utf8)

    /// `,"key":value` with `null` for nil.
    static func appendKey(_ key: StaticString, _ value: String?, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        if let value { append(value, to: &out) } else { out.append(contentsOf: null) }
    }

    /// A string: `"` and `\` escaped, control characters as \b \f \n \r \t or \u00XX, the rest as is.
    static func append(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A number: the shortest form that reads back (`description`), without a trailing `.0`;
    /// `null` for NaN and the infinities, which JSON cannot write (`JSONEncoder` would throw).
    static func append(_ number: Double, to out: inout [UInt8]) {
        guard number.isFinite else { return out.append(contentsOf: null) }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }
}
