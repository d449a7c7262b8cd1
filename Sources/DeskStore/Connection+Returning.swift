public import Postgres

extension Connection {
    /// The one value an `INSERT … RETURNING id` (or a lookup that must find its row) gives back.
    ///
    /// A statement that returns no row here means a trigger or rule swallowed the row, or the row
    /// vanished under us: the store stops with an error instead of carrying on with a made-up id
    /// or state. `what` names the value for the message ("id of the new case").
    public func returned<T: PostgresDecodable>(_ query: Query, _ what: String) throws -> T {
        guard let row = try self.query(query).first else {
            throw StoreError(.nothingReturned, name: what)
        }
        return try row.decode(column: 0)
    }
}
