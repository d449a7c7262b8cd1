import Foundation

/// A SQL statement whose values are always bound parameters.
///
/// Written as a string literal, every interpolated value becomes `$1`, `$2`, … and travels
/// separately to the server through `PQexecParams`; the SQL text holds only literals:
///
///     let query: Query = "SELECT state FROM requests WHERE reference = \(reference)"
///
/// There is no initialiser from a runtime `String`, so a value cannot be spliced into SQL by
/// accident. Fragments can be combined with `+` (parameters are renumbered), which is how the
/// queue's filter builder adds conditions.
public struct Query: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Segment: Sendable {
        case sql(String)
        case parameter(Int)
    }

    var segments: [Segment]
    /// The values bound to the parameters, in order.
    public private(set) var bindings: [PostgresBinding]

    public init(stringLiteral value: StaticString) {
        segments = [.sql(value.description)]
        bindings = []
    }

    public init(stringInterpolation: StringInterpolation) {
        segments = stringInterpolation.segments
        bindings = stringInterpolation.bindings
    }

    /// The SQL text sent to the server, with `$n` placeholders.
    public var sql: String {
        var text = ""
        for segment in segments {
            switch segment {
            case .sql(let part): text += part
            case .parameter(let index): text += "$\(index + 1)"
            }
        }
        return text
    }

    public var description: String { sql }

    /// Appends another fragment; its parameters are renumbered after ours.
    public mutating func append(_ other: Query) {
        let offset = bindings.count
        for segment in other.segments {
            switch segment {
            case .sql(let part): segments.append(.sql(part))
            case .parameter(let index): segments.append(.parameter(index + offset))
            }
        }
        bindings += other.bindings
    }

    public static func + (lhs: Query, rhs: Query) -> Query {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Joins fragments with a literal separator such as `" AND "`.
    public static func joined(_ parts: [Query], separator: StaticString) -> Query {
        var result: Query = ""
        for (offset, part) in parts.enumerated() {
            if offset > 0 { result.segments.append(.sql(separator.description)) }
            result.append(part)
        }
        return result
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var segments: [Segment] = []
        var bindings: [PostgresBinding] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            segments.reserveCapacity(interpolationCount * 2 + 1)
            bindings.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            segments.append(.sql(literal.description))
        }

        /// Binds a value as the next parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            segments.append(.parameter(bindings.count))
            bindings.append(value.postgresBinding)
        }

        /// Binds an optional value; `nil` becomes SQL NULL.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            segments.append(.parameter(bindings.count))
            bindings.append(value?.postgresBinding ?? .null)
        }

        /// Splices a fragment built elsewhere, keeping its values as parameters.
        public mutating func appendInterpolation(fragment: Query) {
            let offset = bindings.count
            for segment in fragment.segments {
                switch segment {
                case .sql(let part): segments.append(.sql(part))
                case .parameter(let index): segments.append(.parameter(index + offset))
                }
            }
            bindings += fragment.bindings
        }

        /// A quoted identifier (database, schema or role name), for the few statements that
        /// cannot take parameters (`CREATE DATABASE`, `SET search_path`).
        public mutating func appendInterpolation(identifier: String) {
            segments.append(.sql(Query.quoteIdentifier(identifier)))
        }
    }

    /// Double-quotes an identifier, doubling embedded quotes, as `PQescapeIdentifier` does.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
