import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq; closed when released.
///
/// Not thread-safe: use one connection per thread or task, as libpq requires.
public final class Connection {
    let handle: OpaquePointer
    /// The statements this session has prepared (`Connection+Pipeline`).
    var preparedStatements = PreparedStatements()
    /// The BEGIN of `withTransaction`, sent with the transaction's first statement.
    var pendingBegin: String?
    /// What the connection was opened with, to open more to the same database (parallel reads).
    public let connectionString: String

    /// Connects with a URL (`postgresql://user@host/db`) or a conninfo string
    /// (`host=/run/dsar dbname=dsar`). The session is set to UTC, ISO dates and UTF-8 so that
    /// decoding does not depend on server defaults.
    public init(_ connectionString: String) throws {
        guard let handle = PQconnectdb(connectionString) else {
            throw PostgresError(code: .connectionFailed, serverMessage: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            throw PostgresError(code: .connectionFailed, serverMessage: message)
        }
        self.handle = handle
        self.connectionString = connectionString
        // Server notices ("relation already exists, skipping") are not for the user's terminal.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try executeScript("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_encoding = 'UTF8'; SET IntervalStyle = 'iso_8601'; SET bytea_output = 'hex'")
    }

    deinit { PQfinish(handle) }

    /// Whether the connection is still usable.
    public var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's process id for this session (useful to tell sessions apart in tests).
    public var backendPID: Int { Int(PQbackendPID(handle)) }

    /// Runs a statement and returns its rows.
    @discardableResult
    public func query(_ query: Query) throws -> Rows {
        try run(sql: query.sql, bindings: query.bindings)
    }

    /// Runs SQL text with its parameters (from a `Query` or a `Statement`, never anything else),
    /// as this session's prepared statement unless `prepare` is false (`Connection+Pipeline`).
    func run(sql: String, bindings: [PostgresBinding], prepare: Bool = true) throws -> Rows {
        let statement = PipelinedStatement(sql: sql, bindings: bindings, prepare: prepare)
        let outside = pendingBegin == nil && PQtransactionStatus(handle) == PQTRANS_IDLE
        let rows: [Rows]
        do {
            rows = try send([statement])
        } catch let error as PostgresError where error.sqlState == .featureNotSupported && outside {
            // The statement was prepared before its table changed; prepared again (outside a
            // transaction nothing else was undone by the failure).
            rows = try send([statement])
        }
        guard let first = rows.first else {
            throw PostgresError(code: .connectionLost, serverMessage: "the server sent no result", query: sql)
        }
        return first
    }

    /// Runs a statement and returns the number of rows it touched.
    @discardableResult
    public func execute(_ query: Query) throws -> Int {
        try self.query(query).affectedRows
    }

    /// Runs trusted SQL text of one or more statements, without parameters.
    ///
    /// Only for the reviewed files in `SQL/` (migrations) and fixed session settings — never for
    /// anything that carries a value.
    public func executeScript(_ script: String) throws {
        // A pending BEGIN goes out in the same message (a BEGIN in a script opens a block that lasts).
        if let begin = pendingBegin {
            pendingBegin = nil
            do {
                _ = try check(PQexec(handle, begin + "; " + script), sql: String(script.prefix(200)))
            } catch var error as PostgresError {
                if PQtransactionStatus(handle) == PQTRANS_IDLE { error.transactionStep = .begin }
                throw error
            }
            return
        }
        let result = PQexec(handle, script)
        _ = try check(result, sql: String(script.prefix(200)))
    }

    func check(_ result: OpaquePointer?, sql: String) throws -> Rows {
        guard let result else {
            throw error(from: nil, sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Rows(result: result)
        default:
            let failure = error(from: result, sql: sql)
            PQclear(result)
            throw failure
        }
    }

    func error(from result: OpaquePointer?, sql: String?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let state = field(DSAR_DIAG_SQLSTATE).map { SQLState($0) }
        var failure = PostgresError(code: .server, sqlState: state, query: sql)
        failure.serverMessage = field(DSAR_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        failure.detail = field(DSAR_DIAG_MESSAGE_DETAIL)
        failure.hint = field(DSAR_DIAG_MESSAGE_HINT)
        failure.constraint = field(DSAR_DIAG_CONSTRAINT_NAME)
        failure.table = field(DSAR_DIAG_TABLE_NAME)
        failure.column = field(DSAR_DIAG_COLUMN_NAME)
        if PQstatus(handle) != CONNECTION_OK {
            failure.code = .connectionLost
        } else if state == nil {
            failure.code = .connectionLost
        }
        return failure
    }
}
