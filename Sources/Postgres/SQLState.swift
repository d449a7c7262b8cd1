/// A five-character SQLSTATE code reported by the server.
///
/// Open by design: codes the layer does not name are kept as they are, so callers can still
/// switch on them without parsing message text.
public struct SQLState: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// The two-character class (`"08"` for connection exceptions).
    public var errorClass: String { String(rawValue.prefix(2)) }

    public static let uniqueViolation: SQLState = "23505"
    public static let foreignKeyViolation: SQLState = "23503"
    public static let checkViolation: SQLState = "23514"
    public static let notNullViolation: SQLState = "23502"
    public static let serializationFailure: SQLState = "40001"
    public static let deadlockDetected: SQLState = "40P01"
    public static let raiseException: SQLState = "P0001"
    public static let insufficientPrivilege: SQLState = "42501"
    public static let undefinedTable: SQLState = "42P01"
    public static let invalidCatalogName: SQLState = "3D000"
    public static let adminShutdown: SQLState = "57P01"
    public static let crashShutdown: SQLState = "57P02"
    public static let cannotConnectNow: SQLState = "57P03"
    public static let lockNotAvailable: SQLState = "55P03"
    /// Also "cached plan must not change result type": a prepared statement outlived a change of its table.
    public static let featureNotSupported: SQLState = "0A000"
}
