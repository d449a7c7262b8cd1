/// An error from the database layer.
///
/// `description` is deliberately generic: the query text, bound values and the server's detail
/// can contain personal data and appear only in `debugDescription`.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is; new kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed = "connection failed"
            case connectionLost = "connection lost"
            case server = "server error"
            case decoding = "decoding failed"
            case copy = "copy failed"
            case misuse = "invalid use"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached or refused the connection.
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection broke while a command ran.
        public static let connectionLost = Code(.connectionLost)
        /// The server rejected a statement; see `sqlState`.
        public static let server = Code(.server)
        /// A column could not be read as the requested Swift type.
        public static let decoding = Code(.decoding)
        /// A COPY stream failed.
        public static let copy = Code(.copy)
        /// The API was used in a way it does not support.
        public static let misuse = Code(.misuse)

        public var description: String { base.rawValue }
    }

    /// The step of `withTransaction` that failed, when the error came from one.
    public enum TransactionStep: String, Sendable {
        case begin, body, commit, rollback
    }

    public var code: Code
    public var sqlState: SQLState?
    public var serverMessage: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var column: String?
    public var table: String?
    public var transactionStep: TransactionStep?
    /// The SQL text of the failing statement (never the bound values).
    public var query: String?
    /// With `transactionStep == .rollback`: the body's error that made the rollback necessary.
    /// The rollback's own failure is this error; both are reported, neither is swallowed.
    public var rolledBackBecause: (any Error)?

    public init(
        code: Code, sqlState: SQLState? = nil, serverMessage: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, query: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.serverMessage = serverMessage
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.query = query
    }

    public var isUniqueViolation: Bool { sqlState == .uniqueViolation }
    public var isSerializationFailure: Bool { sqlState == .serializationFailure }
    public var isDeadlock: Bool { sqlState == .deadlockDetected }
    /// A failure that a fresh attempt of the whole transaction may cure.
    public var isTransient: Bool { isSerializationFailure || isDeadlock }
    /// The server is gone or unreachable: the caller should report "database unavailable".
    public var isConnectionProblem: Bool {
        if code == .connectionFailed || code == .connectionLost { return true }
        guard let sqlState else { return false }
        return sqlState.errorClass == "08" || sqlState == .adminShutdown || sqlState == .crashShutdown
            || sqlState == .cannotConnectNow
    }

    public var description: String {
        var text = "PostgreSQL \(code)"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let constraint { text += " on constraint \(constraint)" }
        return text
    }

    public var debugDescription: String {
        var parts = [description]
        if let serverMessage { parts.append("message: \(serverMessage)") }
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let transactionStep { parts.append("step: \(transactionStep.rawValue)") }
        if let rolledBackBecause { parts.append("rolled back because: \(rolledBackBecause)") }
        if let query { parts.append("query: \(query)") }
        return parts.joined(separator: "; ")
    }
}
