import CLibPQ

/// The rows of one query result; owns the libpq result and frees it when released.
public final class Rows: Sequence {
    private let result: OpaquePointer
    /// The number of rows.
    public let count: Int
    /// The number of columns.
    public let columnCount: Int
    /// The column names, in order; read from the result on first use (decoding by position
    /// never needs them).
    public private(set) lazy var columns: [String] = (0..<columnCount).map { Self.name(result, $0) }
    /// Rows touched by an INSERT, UPDATE, DELETE or COPY (`PQcmdTuples`).
    public let affectedRows: Int
    /// The command tag (`INSERT 0 1`, `COMMIT`, `ROLLBACK`).
    public let commandTag: String

    /// The position of each column name (the first column of a name wins), built on the first
    /// read by name: a statement's rows are decoded by name at the cost of one lookup a field.
    private var positions: [String: Int]?

    /// The position of the first column called `name`.
    func column(named name: String) -> Int? {
        if let positions { return positions[name] }
        var built: [String: Int] = [:]
        for (index, column) in columns.enumerated() where built[column] == nil { built[column] = index }
        positions = built
        return built[name]
    }

    init(result: OpaquePointer) {
        self.result = result
        count = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
        commandTag = String(cString: PQcmdStatus(result))
    }

    deinit { PQclear(result) }

    static func name(_ result: OpaquePointer, _ column: Int) -> String { String(cString: PQfname(result, Int32(column))) }

    /// The first row, if any.
    public var first: Row? { count > 0 ? Row(rows: self, index: 0) : nil }

    public subscript(index: Int) -> Row { Row(rows: self, index: index) }

    public func makeIterator() -> AnyIterator<Row> {
        var index = 0
        return AnyIterator { [self] in
            guard index < count else { return nil }
            defer { index += 1 }
            return Row(rows: self, index: index)
        }
    }

    /// The text-format bytes of one field (nil for SQL NULL), without a copy: valid while these rows live.
    func bytes(row: Int, column: Int) -> UnsafeBufferPointer<UInt8>? {
        let r = Int32(row)
        let c = Int32(column)
        if PQgetisnull(result, r, c) != 0 { return nil }
        let pointer = PQgetvalue(result, r, c).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }
        return UnsafeBufferPointer(start: pointer, count: Int(PQgetlength(result, r, c)))
    }

    func cell(row: Int, column: Int) -> PostgresCell {
        let r = Int32(row)
        let c = Int32(column)
        let type = PQftype(result, c)
        if PQgetisnull(result, r, c) != 0 {
            return PostgresCell(bytes: nil, typeOID: type, result: result, column: column)
        }
        let length = Int(PQgetlength(result, r, c))
        let pointer = PQgetvalue(result, r, c).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }
        return PostgresCell(bytes: UnsafeBufferPointer(start: pointer, count: length), typeOID: type, result: result, column: column)
    }
}

/// One row of a result.
public struct Row {
    let rows: Rows
    let index: Int

    /// Decodes the row into a tuple of Swift types, column by column from `start`:
    /// `let (reference, due) = try row.decode((String, Date?).self)`.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type, from start: Int = 0) throws -> (repeat each T) {
        var column = start
        func next<U: PostgresDecodable>(_ type: U.Type) throws -> U {
            defer { column += 1 }
            guard column < rows.columnCount else {
                throw PostgresError(code: .decoding, serverMessage: "the row has only \(rows.columnCount) columns")
            }
            return try U.decode(from: rows.cell(row: index, column: column))
        }
        return (repeat try next((each T).self))
    }

    /// The text-format bytes of a column (nil for SQL NULL), without a copy: for hot loops that
    /// read millions of rows; valid while the `Rows` lives.
    public func bytes(column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard column < rows.columnCount else { return nil }
        return rows.bytes(row: index, column: column)
    }

    /// Decodes one column by position.
    public func decode<T: PostgresDecodable>(column: Int, as type: T.Type = T.self) throws -> T {
        guard column < rows.columnCount else {
            throw PostgresError(code: .decoding, serverMessage: "the row has only \(rows.columnCount) columns")
        }
        return try T.decode(from: rows.cell(row: index, column: column))
    }

    /// Decodes one column by name.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let column = rows.column(named: name) else {
            throw PostgresError(code: .decoding, serverMessage: "no column named \(name)")
        }
        return try T.decode(from: rows.cell(row: index, column: column))
    }
}
