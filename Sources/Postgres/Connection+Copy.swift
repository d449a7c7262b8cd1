import CLibPQ

/// `COPY … FROM STDIN` streaming for bulk loads.
extension Connection {
    /// Streams rows into a `COPY table (columns) FROM STDIN` statement (text format, or binary
    /// with `(FORMAT binary)` and `CopyWriter.write(encoded: CopyBinaryRowEncoder)`).
    ///
    /// The statement must be a literal without parameters; the rows are written by `body`
    /// through the writer, which escapes every field. Returns the number of rows copied.
    /// When `body` throws, the COPY is aborted and nothing is loaded.
    @discardableResult
    public func copyIn(_ statement: Query, _ body: (CopyWriter) throws -> Void) throws -> Int {
        guard statement.bindings.isEmpty else {
            throw PostgresError(code: .misuse, serverMessage: "COPY cannot take parameters", query: statement.sql)
        }
        try sendPendingBegin()
        guard let start = PQexec(handle, statement.sql) else { throw error(from: nil, sql: statement.sql) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let failure = error(from: start, sql: statement.sql)
            PQclear(start)
            throw failure
        }
        PQclear(start)
        let writer = CopyWriter(connection: self)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(handle, "aborted by the client")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw PostgresError(code: .copy, serverMessage: String(cString: PQerrorMessage(handle)))
        }
        var copied = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = error(from: result, sql: statement.sql)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return copied
    }

    private func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    func putCopyData(_ bytes: [UInt8]) throws {
        try putCopyData(bytes[...])
    }

    func putCopyData(_ bytes: ArraySlice<UInt8>) throws {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else {
            throw PostgresError(code: .copy, serverMessage: String(cString: PQerrorMessage(handle)))
        }
    }
}

/// Writes rows of a COPY stream in PostgreSQL's text format, buffered.
public final class CopyWriter {
    private let connection: Connection
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    /// Rows written so far.
    public private(set) var rowCount = 0

    init(connection: Connection) {
        self.connection = connection
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// Appends one row; `nil` is SQL NULL. Tabs, newlines and backslashes are escaped.
    public func writeRow(_ fields: [String?]) throws {
        // Appending to a local array avoids an exclusivity check on the stored property per byte.
        var out: [UInt8] = []
        swap(&out, &buffer)
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(9) }
            guard let field else {
                out.append(92); out.append(78)  // \N
                continue
            }
            if !field.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) {
                out.append(contentsOf: field.utf8)
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 92: out.append(92); out.append(92)
                case 9: out.append(92); out.append(116)
                case 10: out.append(92); out.append(110)
                case 13: out.append(92); out.append(114)
                default: out.append(byte)
                }
            }
        }
        out.append(10)
        swap(&out, &buffer)
        rowCount += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes the whole stream of a `COPY … FROM STDIN (FORMAT binary)`: the format's header, the
    /// rows encoded ahead of time and its trailer. Nothing else may be written to the same COPY.
    public func write(encoded rows: CopyBinaryRowEncoder) throws {
        try flush()
        try connection.putCopyData(CopyBinaryRowEncoder.header)
        try send(rows.bytes)
        try connection.putCopyData(CopyBinaryRowEncoder.trailer)
        rowCount += rows.rowCount
    }

    /// Sends bytes in chunks, so the server starts on them at once.
    private func send(_ bytes: [UInt8]) throws {
        var start = 0
        while start < bytes.count {
            let end = min(start + flushThreshold, bytes.count)
            try connection.putCopyData(bytes[start..<end])
            start = end
        }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try connection.putCopyData(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
