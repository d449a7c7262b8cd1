public import Foundation

/// A Swift value that can be bound as a query parameter.
public protocol PostgresEncodable {
    var postgresBinding: PostgresBinding { get }
}

extension String: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(self) }
}

extension Substring: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self)) }
}

extension Int: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self)) }
}

extension Int32: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self)) }
}

extension Int64: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(String(self)) }
}

extension Double: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        if isNaN { return .text("NaN") }
        if isInfinite { return .text(self > 0 ? "Infinity" : "-Infinity") }
        return .text("\(self)")
    }
}

extension Bool: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(self ? "t" : "f") }
}

extension UUID: PostgresEncodable {
    public var postgresBinding: PostgresBinding { .text(uuidString) }
}

extension Date: PostgresEncodable {
    /// Sent as an ISO 8601 instant in UTC with microseconds, valid for `timestamptz`.
    public var postgresBinding: PostgresBinding { .text(PostgresDateFormat.timestamp(self)) }
}

/// Raw bytes for a `bytea` column.
public struct PostgresBytes: Sendable, Hashable, PostgresEncodable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ data: Data) { self.bytes = [UInt8](data) }
    public var postgresBinding: PostgresBinding { .bytes(bytes) }
}

/// An array of text, sent as a PostgreSQL array literal (`text[]`).
public struct PostgresTextArray: Sendable, Hashable, PostgresEncodable {
    public var elements: [String?]
    public init(_ elements: [String?]) { self.elements = elements }
    public init(_ elements: [String]) { self.elements = elements }

    public var postgresBinding: PostgresBinding {
        let items = elements.map { element -> String in
            guard let element else { return "NULL" }
            var quoted = "\""
            for scalar in element.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }
        return .text("{" + items.joined(separator: ",") + "}")
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresBinding: PostgresBinding {
        switch self {
        case .none: return .null
        case .some(let value): return value.postgresBinding
        }
    }
}
