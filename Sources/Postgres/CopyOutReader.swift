import CLibPQ

/// `COPY (SELECT …) TO STDOUT (FORMAT binary)` streaming for bulk reads.
///
/// The server sends each row as soon as it has produced it, in PostgreSQL's binary COPY format
/// (integers and timestamps as big-endian machine words, text as its bytes), so the client reads
/// and works on a row while the server produces the next, with nothing buffered but the row at
/// hand and no text rendering of numbers or instants on either side.
extension Connection {
    /// Streams the rows of `query` (a SELECT, without parameters: COPY takes none) to `body`, one
    /// at a time, in the query's order. A row's bytes are valid only during its call. Returns the
    /// number of rows read. When `body` throws, the rest of the stream is read without calling it
    /// and the error rethrown.
    @discardableResult
    public func copyOut(_ query: Query, _ body: (CopyOutRow) throws -> Void) throws -> Int {
        guard query.bindings.isEmpty else {
            throw PostgresError(code: .misuse, serverMessage: "COPY cannot take parameters", query: query.sql)
        }
        let sql = "COPY (" + query.sql + ") TO STDOUT (FORMAT binary)"
        try sendPendingBegin()
        guard let start = PQexec(handle, sql) else { throw error(from: nil, sql: sql) }
        guard PQresultStatus(start) == PGRES_COPY_OUT else {
            let failure = error(from: start, sql: sql)
            PQclear(start)
            throw failure
        }
        PQclear(start)
        let parser = CopyOutParser()
        var rows = 0
        var failure: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length == -1 { break }
            guard length >= 0, let buffer else {
                failure = failure ?? PostgresError(code: .copy, serverMessage: String(cString: PQerrorMessage(handle)), query: sql)
                break
            }
            defer { PQfreemem(buffer) }
            if failure != nil { continue }
            do {
                let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(length))
                rows += try parser.feed(bytes, body)
            } catch {
                // The rest of the stream is read and dropped, so the connection stays usable
                // (a cancel request could land on the statement after this one).
                failure = error
            }
        }
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK && failure == nil { failure = error(from: result, sql: sql) }
            PQclear(result)
        }
        if let failure { throw failure }
        guard parser.ended else {
            throw PostgresError(code: .copy, serverMessage: "the COPY stream ended without its trailer", query: sql)
        }
        return rows
    }
}

/// One row of a binary COPY stream: its fields' bytes, NULL as nil; valid only during the call it is given to.
public struct CopyOutRow {
    fileprivate let base: UnsafeRawPointer
    fileprivate let offsets: UnsafeMutableBufferPointer<Int32>
    fileprivate let lengths: UnsafeMutableBufferPointer<Int32>
    /// The number of fields.
    public let count: Int

    /// The field's bytes; nil for NULL or a column past the last.
    public func bytes(_ column: Int) -> UnsafeRawBufferPointer? {
        guard column >= 0, column < count, lengths[column] >= 0 else { return nil }
        return UnsafeRawBufferPointer(start: base + Int(offsets[column]), count: Int(lengths[column]))
    }

    /// Whether the field is NULL.
    public func isNull(_ column: Int) -> Bool { column >= count || lengths[column] < 0 }

    /// A `bigint` field; nil for NULL or a field of another width.
    public func int64(_ column: Int) -> Int64? {
        guard let field = bytes(column), field.count == 8 else { return nil }
        return Int64(bigEndian: field.loadUnaligned(as: Int64.self))
    }

    /// A `timestamptz` (or `timestamp`) field as microseconds since 2000-01-01 00:00 UTC; nil
    /// for NULL. ±infinity are Int64.max and Int64.min.
    public func microsecondsSince2000(_ column: Int) -> Int64? { int64(column) }

    /// Microseconds between 1970-01-01 and 2000-01-01, PostgreSQL's epoch.
    public static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000
}

/// Cuts the binary COPY stream into rows: the 19-byte header, then per row a 16-bit field count
/// and per field a 32-bit length (-1: NULL) and its bytes, then the trailer (-1). A row split
/// over two messages (the server does not, but the format allows it) is joined in `pending`.
final class CopyOutParser {
    private var headerSeen = false
    private(set) var ended = false
    private var pending: [UInt8] = []
    private var offsets = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 64)
    private var lengths = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 64)

    deinit {
        offsets.deallocate()
        lengths.deallocate()
    }

    static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    func feed(_ message: UnsafeRawBufferPointer, _ body: (CopyOutRow) throws -> Void) throws -> Int {
        if pending.isEmpty { return try parse(message, body) }
        pending.append(contentsOf: message)
        let joined = pending
        pending.removeAll(keepingCapacity: true)
        return try joined.withUnsafeBytes { try parse($0, body) }
    }

    /// Parses whole rows of `bytes`; keeps an incomplete tail in `pending`.
    private func parse(_ bytes: UnsafeRawBufferPointer, _ body: (CopyOutRow) throws -> Void) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var position = 0
        if !headerSeen {
            guard bytes.count >= 19 else {
                pending.append(contentsOf: bytes)
                return 0
            }
            guard Self.signature.indices.allSatisfy({ bytes[$0] == Self.signature[$0] }) else {
                throw PostgresError(code: .copy, serverMessage: "not a binary COPY stream")
            }
            let extensionLength = Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: 15, as: Int32.self)))
            guard extensionLength >= 0, 19 + extensionLength <= bytes.count else {
                throw PostgresError(code: .copy, serverMessage: "unreadable binary COPY header")
            }
            position = 19 + extensionLength
            headerSeen = true
        }
        var rows = 0
        while position < bytes.count {
            guard !ended else { throw PostgresError(code: .copy, serverMessage: "data after the binary COPY trailer") }
            let rowStart = position
            guard position + 2 <= bytes.count else { break }
            let fields = Int(Int16(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int16.self)))
            position += 2
            if fields == -1 {
                ended = true
                continue
            }
            guard fields >= 0 else { throw PostgresError(code: .copy, serverMessage: "unreadable binary COPY row") }
            if fields > offsets.count {
                offsets.deallocate()
                lengths.deallocate()
                offsets = .allocate(capacity: fields)
                lengths = .allocate(capacity: fields)
            }
            var complete = true
            for field in 0..<fields {
                guard position + 4 <= bytes.count else { complete = false; break }
                let length = Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int32.self))
                position += 4
                offsets[field] = Int32(position)
                lengths[field] = length
                if length > 0 {
                    guard position + Int(length) <= bytes.count else { complete = false; break }
                    position += Int(length)
                }
            }
            guard complete else {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[rowStart...]))
                return rows
            }
            try body(CopyOutRow(base: UnsafeRawPointer(base), offsets: offsets, lengths: lengths, count: fields))
            rows += 1
        }
        if position > bytes.count { throw PostgresError(code: .copy, serverMessage: "unreadable binary COPY row") }
        return rows
    }
}

extension Query.StringInterpolation {
    /// An integer written into the SQL text rather than bound: only for statements that cannot
    /// take parameters (`COPY (SELECT …) TO STDOUT`). An integer cannot carry anything but itself.
    public mutating func appendInterpolation(literal value: Int64) {
        segments.append(.sql(String(value)))
    }
}
