public import Foundation

/// A Swift type that can be read from a column in text format.
///
/// Non-optional types throw on NULL; `Optional` turns NULL into `nil`.
public protocol PostgresDecodable {
    static func decode(from cell: PostgresCell) throws -> Self
}

extension String: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> String {
        guard let value = cell.string else { throw cell.decodingError(String.self) }
        return value
    }
}

extension Int: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int {
        guard let text = cell.string, let value = Int(text) else { throw cell.decodingError(Int.self) }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int32 {
        guard let text = cell.string, let value = Int32(text) else { throw cell.decodingError(Int32.self) }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int64 {
        guard let text = cell.string, let value = Int64(text) else { throw cell.decodingError(Int64.self) }
        return value
    }
}

extension Double: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Double {
        guard let text = cell.string else { throw cell.decodingError(Double.self) }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw cell.decodingError(Double.self) }
            return value
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Bool {
        switch cell.string {
        case "t": return true
        case "f": return false
        default: throw cell.decodingError(Bool.self)
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> UUID {
        guard let text = cell.string, let value = UUID(uuidString: text) else { throw cell.decodingError(UUID.self) }
        return value
    }
}

extension Date {
    /// An instant as the server prints `timestamptz` (ISO DateStyle), for a value the caller
    /// took out of a larger text (an aggregate); nil when it is not one.
    public init?(postgresText text: String) {
        guard let value = PostgresDateFormat.parse(text) else { return nil }
        self = value
    }
}

extension Date: PostgresDecodable {
    /// Reads `timestamptz`, `timestamp` (taken as UTC) and `date` (midnight UTC).
    public static func decode(from cell: PostgresCell) throws -> Date {
        guard let text = cell.string, let value = PostgresDateFormat.parse(text) else {
            throw cell.decodingError(Date.self)
        }
        return value
    }
}

extension PostgresBytes: PostgresDecodable {
    /// Reads `bytea` in the server's hex output form (`\x0a1b…`).
    public static func decode(from cell: PostgresCell) throws -> PostgresBytes {
        guard let raw = cell.bytes, raw.count >= 2, raw[0] == UInt8(ascii: "\\"), raw[1] == UInt8(ascii: "x"),
            raw.count % 2 == 0
        else { throw cell.decodingError(PostgresBytes.self) }
        var bytes = [UInt8]()
        bytes.reserveCapacity((raw.count - 2) / 2)
        var index = 2
        while index < raw.count {
            guard let high = hexValue(raw[index]), let low = hexValue(raw[index + 1]) else {
                throw cell.decodingError(PostgresBytes.self)
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return PostgresBytes(bytes)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 97...102: return byte - 87
        case 65...70: return byte - 55
        default: return nil
        }
    }
}

extension PostgresTextArray: PostgresDecodable {
    /// Reads a one-dimensional `text[]` in the server's output form (`{a,"b c",NULL}`).
    public static func decode(from cell: PostgresCell) throws -> PostgresTextArray {
        guard let text = cell.string, text.unicodeScalars.first == "{", text.unicodeScalars.last == "}" else {
            throw cell.decodingError(PostgresTextArray.self)
        }
        var elements: [String?] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var wasQuoted = false
        var escaping = false
        let body = text.unicodeScalars.dropFirst().dropLast()
        if body.isEmpty { return PostgresTextArray(elements) }
        // Scalars, not Characters: an element may start with a combining mark, which would
        // otherwise fuse with the separating comma into one grapheme.
        for scalar in body {
            if escaping {
                current.append(scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == "\"" {
                quoted.toggle()
                wasQuoted = true
            } else if scalar == "," && !quoted {
                elements.append(!wasQuoted && String(current) == "NULL" ? nil : String(current))
                current = String.UnicodeScalarView()
                wasQuoted = false
            } else {
                current.append(scalar)
            }
        }
        elements.append(!wasQuoted && String(current) == "NULL" ? nil : String(current))
        return PostgresTextArray(elements)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Wrapped? {
        if cell.isNull { return nil }
        return try Wrapped.decode(from: cell)
    }
}
