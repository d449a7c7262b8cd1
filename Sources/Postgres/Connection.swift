import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq; closed when released.
///
/// Not thread-safe: use one connection per thread or task, as libpq requires.
public final class Connection {
    let handle: OpaquePointer
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

    /// Runs SQL text with its parameters (from a `Query` or a `Statement`, never anything else).
    func run(sql: String, bindings: [PostgresBinding]) throws -> Rows {
        var values: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var types: [Oid] = []
        values.reserveCapacity(bindings.count)
        defer { for value in values { value?.deallocate() } }
        for binding in bindings {
            switch binding {
            case .null:
                values.append(nil); lengths.append(0); formats.append(0); types.append(0)
            case .text(let text):
                let utf8 = Array(text.utf8)
                if utf8.contains(0) {
                    throw PostgresError(code: .misuse, serverMessage: "text parameters cannot contain a NUL character", query: sql)
                }
                let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
                utf8.withUnsafeBufferPointer { source in
                    source.withMemoryRebound(to: CChar.self) {
                        if let base = $0.baseAddress { buffer.update(from: base, count: utf8.count) }
                    }
                }
                buffer[utf8.count] = 0
                values.append(buffer); lengths.append(Int32(utf8.count)); formats.append(0); types.append(0)
            case .bytes(let bytes):
                let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
                bytes.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress {
                        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { buffer.update(from: $0, count: bytes.count) }
                    }
                }
                values.append(buffer); lengths.append(Int32(bytes.count)); formats.append(1); types.append(17)
            }
        }
        let result: OpaquePointer? = values.withUnsafeBufferPointer { valuePointers in
            valuePointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                PQexecParams(
                    handle, sql, Int32(bindings.count), types, constValues.baseAddress, lengths, formats, 0)
            }
        }
        return try check(result, sql: sql)
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
