/// Rows in PostgreSQL's binary COPY format (`COPY … FROM STDIN (FORMAT binary)`), encoded into a
/// byte buffer ahead of the connection, so that one thread can encode a batch while another
/// streams the previous one; `CopyWriter.write(encoded:)` sends it whole with the format's header
/// and trailer. Fields are added one at a time, without an array of strings per row.
///
/// Each field is its length and the column type's binary form, so the server neither parses
/// numbers and instants nor unescapes text (about half the server's work of a text COPY into
/// `events`), and the client renders no digits. The caller adds the fields in the column order of
/// the statement, each with the method of the column's type: a wrong type is refused by the
/// server ("incorrect binary data format"), never stored differently.
public struct CopyBinaryRowEncoder: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var rowCount = 0
    /// Where the current row's field count goes, and the count so far; nil between rows.
    private var rowStart: Int?
    private var fields: UInt16 = 0

    /// The binary COPY signature, flags and header extension length (PostgreSQL's COPY docs).
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The field count -1 that ends the stream.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z.
    static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000
    /// Days from 1970-01-01 to 2000-01-01.
    static let postgresEpochDays: Int32 = 10_957

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A `text` (or enum, or domain over text) field: its UTF-8 bytes; `nil` is SQL NULL.
    public mutating func add(_ text: String?) {
        guard var text else { return addNull() }
        field()
        text.withUTF8 { utf8 in
            appendLength(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A `bigint` field.
    public mutating func add(_ value: Int64) {
        field()
        appendLength(8)
        appendBigEndian(value)
    }

    /// A `bigint` field; `nil` is SQL NULL.
    public mutating func add(_ value: Int64?) {
        guard let value else { return addNull() }
        add(value)
    }

    /// An `integer` field.
    public mutating func add(_ value: Int32) {
        field()
        appendLength(4)
        appendBigEndian(value)
    }

    /// A `jsonb` field from JSON text (the server parses it as `jsonb` input would); `nil` is SQL NULL.
    public mutating func addJSONB(_ json: String?) {
        guard var json else { return addNull() }
        field()
        json.withUTF8 { utf8 in
            appendLength(utf8.count + 1)
            bytes.append(1)  // jsonb's binary format version
            bytes.append(contentsOf: utf8)
        }
    }

    /// A `timestamptz` field: the instant `milliseconds` after the Unix epoch.
    public mutating func addTimestamp(milliseconds ms: Int64) {
        field()
        appendLength(8)
        appendBigEndian(ms * 1_000 - Self.postgresEpochMicroseconds)
    }

    /// A `timestamptz` field; `nil` is SQL NULL.
    public mutating func addTimestamp(milliseconds ms: Int64?) {
        guard let ms else { return addNull() }
        addTimestamp(milliseconds: ms)
    }

    /// A `date` field: the day `days` after 1970-01-01.
    public mutating func addDate(daysSinceUnixEpoch days: Int32) {
        field()
        appendLength(4)
        appendBigEndian(days - Self.postgresEpochDays)
    }

    /// SQL NULL.
    public mutating func addNull() {
        field()
        bytes.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
    }

    /// Ends the current row.
    public mutating func endRow() {
        if let start = rowStart {
            bytes[start] = UInt8(truncatingIfNeeded: fields >> 8)
            bytes[start + 1] = UInt8(truncatingIfNeeded: fields)
        } else {
            bytes.append(contentsOf: [0, 0])
        }
        rowStart = nil
        fields = 0
        rowCount += 1
    }

    private mutating func field() {
        if rowStart == nil {
            rowStart = bytes.count
            bytes.append(contentsOf: [0, 0])
        }
        fields += 1
    }

    private mutating func appendLength(_ length: Int) {
        appendBigEndian(Int32(truncatingIfNeeded: length))
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
