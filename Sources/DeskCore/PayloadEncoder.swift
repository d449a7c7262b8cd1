import Foundation

/// A JSON value for audit payloads and evidence details.
public enum PayloadValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([PayloadValue])
    case object([String: PayloadValue])
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: PayloadValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, PayloadValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension PayloadValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([PayloadValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: PayloadValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .int(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        case .null: try container.encodeNil()
        }
    }
}

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
            throw DeskCoreError(.invalidInput, "The payload could not be written as JSON.")
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
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
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
