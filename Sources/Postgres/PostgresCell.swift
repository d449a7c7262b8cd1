/// One field of a result row, valid while its `Rows` is alive.
public struct PostgresCell {
    /// The text-format bytes of the value, or `nil` for SQL NULL.
    public let bytes: UnsafeBufferPointer<UInt8>?
    /// The column's type OID (`25` text, `1184` timestamptz, …).
    public let typeOID: UInt32
    /// The result the cell belongs to and its column, for `columnName`.
    let result: OpaquePointer
    let column: Int

    /// The column's name, for error messages (read from the result only then).
    public var columnName: String { Rows.name(result, column) }

    public var isNull: Bool { bytes == nil }

    /// The value as a Swift string (UTF-8).
    public var string: String? {
        guard let bytes else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func decodingError(_ type: Any.Type) -> PostgresError {
        var error = PostgresError(code: .decoding)
        error.column = columnName
        error.serverMessage = "column \(columnName) (type \(typeOID)) is not a \(type)\(isNull ? " (NULL)" : "")"
        return error
    }
}
