/// A statement with its row type, in the shape of postgres-nio's `PostgresPreparedStatement`:
/// constant SQL text, the values for its parameters, and how one row of its result reads.
///
///     struct OpenCount: Statement {
///         static let sql = "SELECT count(*) FROM requests WHERE policy = $1 AND state <> 'fulfilled'"
///         typealias Row = Int
///         let policy: String
///         func makeBindings() -> [PostgresBinding] { [policy.postgresBinding] }
///         func decodeRow(_ row: Postgres.Row) throws -> Int { try row.decode(column: 0) }
///     }
///
///     let open = try db.rows(OpenCount(policy: "uz"))   // [Int]
///
/// `sql` is a property of the type, the same text for every execution: values travel only as
/// `$1`, `$2`, … (the server sees one statement however the values vary, and logs and
/// `pg_stat_statements` group them). The columns are read where the statement is written, by
/// name or position, so a select list and its decoding cannot drift apart.
public protocol Statement: Sendable {
    /// What one row of the result decodes to.
    associatedtype Row

    /// The SQL text, with `$1`, `$2`, … for the values `makeBindings()` gives, in order.
    static var sql: String { get }

    /// The values for the parameters, in order.
    func makeBindings() -> [PostgresBinding]

    /// Reads one row of the result.
    func decodeRow(_ row: Postgres.Row) throws -> Row

    /// Planned anew with its values at every execution instead of kept as the session's prepared
    /// statement (whose generic plan PostgreSQL may choose after a few executions): for statements
    /// whose conditions fold away by their values (`$4 IS NULL OR …`). False unless a statement says so.
    static var plannedWithValues: Bool { get }
}

extension Statement {
    public static var plannedWithValues: Bool { false }
}

extension Connection {
    /// Runs a statement and decodes every row of its result. (Not an overload of `query(_:)`:
    /// one more candidate for every `db.query` call made long expressions too slow to type-check.)
    public func rows<S: Statement>(_ statement: S) throws -> [S.Row] {
        try run(sql: S.sql, bindings: statement.makeBindings(), prepare: !S.plannedWithValues).map(statement.decodeRow)
    }
}

extension Connection {
    /// The plan the server picks for a statement with its values (`EXPLAIN (FORMAT JSON)`), for
    /// tests that check a statement reads the index it was written for.
    public func explain<S: Statement>(_ statement: S) throws -> String {
        guard let row = try run(sql: "EXPLAIN (FORMAT JSON) " + S.sql, bindings: statement.makeBindings(), prepare: false).first else {
            throw PostgresError(code: .decoding, serverMessage: "EXPLAIN returned no plan")
        }
        return try row.decode(column: 0)
    }
}
