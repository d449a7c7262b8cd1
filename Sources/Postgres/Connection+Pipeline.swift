import CLibPQ
import Foundation

/// How statements travel: through libpq's pipeline mode, prepared once per session.
///
/// Every statement is sent as a named prepared statement, keyed by its SQL text (a `Statement`'s
/// static `sql`, a `Query` literal's text): the first execution on a connection sends the Parse
/// together with its Bind and Execute, later ones only Bind and Execute, so the server parses and
/// analyses a statement once per session and, after its first few executions, reuses a generic
/// plan when that plan is as good as the custom ones (PostgreSQL's plan cache decides). Several
/// statements can be sent in one round trip (`pipeline`), and the BEGIN of `withTransaction` goes
/// out with the transaction's first statement.
extension Connection {
    /// One statement of a pipeline: SQL text and its values.
    public struct PipelinedStatement {
        let sql: String
        let bindings: [PostgresBinding]
        /// Kept as a session's prepared statement (false: planned once with its values, as for EXPLAIN).
        let prepare: Bool

        init(sql: String, bindings: [PostgresBinding], prepare: Bool = true) {
            self.sql = sql
            self.bindings = bindings
            self.prepare = prepare
        }

        /// A `Query` (its values bound).
        public init(_ query: Query) { self.init(sql: query.sql, bindings: query.bindings) }

        /// A `Statement` (its values bound); its rows are decoded from the `Rows` returned.
        public init<S: Statement>(_ statement: S) {
            self.init(sql: S.sql, bindings: statement.makeBindings(), prepare: !S.plannedWithValues)
        }
    }

    /// Runs statements in one round trip, in order, and returns each one's rows. When one fails the
    /// server skips the rest and its error is thrown. Outside a transaction the statements commit
    /// or fail together (the pipeline's implicit transaction); inside one they are ordinary
    /// statements of it.
    public func pipeline(_ statements: [PipelinedStatement]) throws -> [Rows] {
        try send(statements)
    }

    /// Runs statements with their parameters in one round trip (with the transaction's BEGIN when
    /// it is still to be sent) and returns their rows.
    func send(_ statements: [PipelinedStatement]) throws -> [Rows] {
        let begin = pendingBegin
        pendingBegin = nil
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(code: .misuse, serverMessage: lastMessage, query: statements.first?.sql)
        }
        // What was sent, in order: each result read back belongs to one of these.
        enum Sent {
            case begin
            case prepare(sql: String)
            case statement(Int)
        }
        var sent: [Sent] = []
        func text(of item: Sent) -> String {
            switch item {
            case .begin: return begin ?? "BEGIN"
            case .prepare(let sql): return sql
            case .statement(let index): return statements[index].sql
            }
        }
        var sendFailure: PostgresError?
        if let begin {
            if PQsendQueryParams(handle, begin, 0, nil, nil, nil, nil, 0) == 1 { sent.append(.begin) } else { sendFailure = sendError(begin) }
        }
        for (index, statement) in statements.enumerated() where sendFailure == nil {
            do {
                try withParameters(statement.bindings, sql: statement.sql) { types, values, lengths, formats in
                    let count = Int32(statement.bindings.count)
                    var name = statement.prepare ? preparedStatements.name(for: statement.sql, types: types) : nil
                    if statement.prepare && name == nil, let fresh = preparedStatements.reserve(statement.sql, types: types) {
                        guard PQsendPrepare(handle, fresh, statement.sql, count, types) == 1 else {
                            preparedStatements.forget(statement.sql)
                            throw sendError(statement.sql)
                        }
                        sent.append(.prepare(sql: statement.sql))
                        name = fresh
                    }
                    let queued = name.map { PQsendQueryPrepared(handle, $0, count, values, lengths, formats, 0) }
                        ?? PQsendQueryParams(handle, statement.sql, count, types, values, lengths, formats, 0)
                    guard queued == 1 else { throw sendError(statement.sql) }
                    sent.append(.statement(index))
                }
            } catch let error as PostgresError {
                sendFailure = error
            }
        }
        if sendFailure == nil && PQpipelineSync(handle) != 1 { sendFailure = sendError(statements.first?.sql ?? "") }

        var rows: [Rows?] = Array(repeating: nil, count: statements.count)
        var failure: PostgresError?
        for item in sent {
            while let result = PQgetResult(handle) {
                switch PQresultStatus(result) {
                case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                    if case .statement(let index) = item, rows[index] == nil {
                        rows[index] = Rows(result: result)
                        continue
                    }
                case PGRES_PIPELINE_ABORTED:
                    if case .prepare(let sql) = item { preparedStatements.forget(sql) }
                default:
                    var error = self.error(from: result, sql: text(of: item))
                    switch item {
                    case .begin: error.transactionStep = .begin
                    case .prepare(let sql): preparedStatements.forget(sql)
                    case .statement(let index):
                        // The plan a session prepared no longer fits the table (its columns changed):
                        // prepared again on the next execution.
                        if error.sqlState == .featureNotSupported { preparedStatements.forget(statements[index].sql) }
                    }
                    if failure == nil { failure = error }
                }
                PQclear(result)
            }
        }
        // The sync point (when it was sent), then out of pipeline mode.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if PQexitPipelineMode(handle) != 1 {
            while let result = PQgetResult(handle) { PQclear(result) }
            _ = PQexitPipelineMode(handle)
        }
        if let failure = sendFailure ?? failure { throw failure }
        return try rows.map { row in
            guard let row else { throw PostgresError(code: .connectionLost, serverMessage: lastMessage, query: statements.first?.sql) }
            return row
        }
    }

    private var lastMessage: String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func sendError(_ sql: String) -> PostgresError {
        PostgresError(code: PQstatus(handle) == CONNECTION_OK ? .misuse : .connectionLost, serverMessage: lastMessage, query: sql)
    }

    /// The parameters as libpq takes them (text, or binary bytea), valid during `body`.
    func withParameters<T>(
        _ bindings: [PostgresBinding], sql: String,
        _ body: ([Oid], [UnsafePointer<CChar>?], [Int32], [Int32]) throws -> T
    ) throws -> T {
        var values: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var types: [Oid] = []
        values.reserveCapacity(bindings.count)
        lengths.reserveCapacity(bindings.count)
        formats.reserveCapacity(bindings.count)
        types.reserveCapacity(bindings.count)
        defer { for value in values { value?.deallocate() } }
        for binding in bindings {
            switch binding {
            case .null:
                values.append(nil); lengths.append(0); formats.append(0); types.append(0)
            case .text(let text):
                var text = text
                let buffer = try text.withUTF8 { utf8 -> UnsafeMutablePointer<CChar> in
                    if utf8.contains(0) {
                        throw PostgresError(code: .misuse, serverMessage: "text parameters cannot contain a NUL character", query: sql)
                    }
                    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
                    utf8.withMemoryRebound(to: CChar.self) {
                        if let base = $0.baseAddress { buffer.update(from: base, count: utf8.count) }
                    }
                    buffer[utf8.count] = 0
                    return buffer
                }
                values.append(buffer); lengths.append(Int32(text.utf8.count)); formats.append(0); types.append(0)
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
        return try values.withUnsafeBufferPointer { pointers in
            try pointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                try body(types, Array(constValues), lengths, formats)
            }
        }
    }

    /// Sends a BEGIN that `withTransaction` left pending, before something that cannot carry it
    /// (a COPY, a script).
    func sendPendingBegin() throws {
        guard let begin = pendingBegin else { return }
        pendingBegin = nil
        do {
            _ = try check(PQexec(handle, begin), sql: begin)
        } catch var error as PostgresError {
            error.transactionStep = .begin
            throw error
        }
    }

    /// Forgets the statements this session prepared (the server keeps them until it ends): after
    /// a migration, whose changes to tables would make some of their plans unusable.
    public func forgetPreparedStatements() {
        preparedStatements.forgetAll()
        // Their names are not used again; outside a transaction the server lets them go now.
        if pendingBegin == nil && PQtransactionStatus(handle) == PQTRANS_IDLE { try? executeScript("DEALLOCATE ALL") }
    }
}

/// The statements one session has prepared: SQL text → name and parameter types.
struct PreparedStatements {
    /// At most this many per session; statements past it are sent unnamed (planned every time).
    static let limit = 500

    private var named: [String: (name: String, types: [Oid])] = [:]
    private var counter = 0

    /// The name of `sql` prepared with these parameter types, if it is.
    func name(for sql: String, types: [Oid]) -> String? {
        guard let entry = named[sql], entry.types == types else { return nil }
        return entry.name
    }

    /// A new name for `sql`, recorded as prepared (forgotten again if the Parse fails); nil when
    /// the session holds `limit` statements already or has `sql` with other parameter types.
    mutating func reserve(_ sql: String, types: [Oid]) -> String? {
        guard named.count < Self.limit, named[sql] == nil else { return nil }
        counter += 1
        let name = "dsar_\(counter)"
        named[sql] = (name, types)
        return name
    }

    mutating func forget(_ sql: String) { named[sql] = nil }

    /// Forgets every statement; names are never used twice in a session.
    mutating func forgetAll() { named = [:] }
}
