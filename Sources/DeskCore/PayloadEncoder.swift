import Foundation

/// Renders payloads as canonical JSON: keys sorted by their UTF-8 bytes, no whitespace, minimal escaping.
///
/// The same payload always gives the same text on every platform, which the audit hash needs.
public enum PayloadEncoder {
    /// Canonical JSON of an object of strings.
    public static func encode(_ payload: [String: String]) -> String {
        encode(.object(payload.mapValues { .string($0) }))
    }

    /// Canonical JSON of an object.
    public static func encode(_ payload: [String: PayloadValue]) -> String {
        encode(.object(payload))
    }

    /// Canonical JSON of a value.
    public static func encode(_ value: PayloadValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// Canonical JSON of an `Encodable` value (via `JSONEncoder`, then re-rendered canonically).
    public static func encode<T: Encodable>(encodable value: T) throws(DeskCoreError) -> String {
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(AuditEntry.iso8601Milliseconds(date))
            }
            let data = try encoder.encode(value)
            return encode(try JSONDecoder().decode(PayloadValue.self, from: data))
        } catch {
            throw DeskCoreError(.payloadUnencodable)
        }
    }

    private static func write(_ value: PayloadValue, to out: inout String) {
        switch value {
        case .string(let text): writeString(text, to: &out)
        case .int(let number): out += String(number)
        case .double(let number): out += number.isFinite ? String(number) : "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                write(members[key] ?? .null, to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        // Most strings need no escaping; checking the bytes first keeps bulk loads fast.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
