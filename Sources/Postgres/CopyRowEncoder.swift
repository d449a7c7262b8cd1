/// Rows in PostgreSQL's COPY text format, encoded into a byte buffer ahead of the connection, so
/// that one thread can encode a batch while another streams the previous one (`CopyWriter.write(encoded:)`).
///
/// Fields are added one at a time, without an array of strings per row.
public struct CopyRowEncoder: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var rowCount = 0
    private var atRowStart = true

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A text field; `nil` is SQL NULL. Tabs, newlines, carriage returns and backslashes are escaped.
    public mutating func add(_ text: String?) {
        separate()
        guard var text else {
            bytes.append(92); bytes.append(78)  // \N
            return
        }
        text.withUTF8 { utf8 in
            var clean = true
            for byte in utf8 where byte == 92 || byte == 9 || byte == 10 || byte == 13 {
                clean = false
                break
            }
            if clean {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case 92: bytes.append(92); bytes.append(92)
                case 9: bytes.append(92); bytes.append(116)
                case 10: bytes.append(92); bytes.append(110)
                case 13: bytes.append(92); bytes.append(114)
                default: bytes.append(byte)
                }
            }
        }
    }

    /// An integer field.
    public mutating func add(_ value: Int64) {
        separate()
        appendDecimal(value)
    }

    /// A `timestamptz` field: the UTC instant `milliseconds` after the Unix epoch, ISO 8601.
    public mutating func addTimestamp(milliseconds ms: Int64) {
        separate()
        var days = ms / 86_400_000
        var msOfDay = ms % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        let (year, month, day) = PostgresDateFormat.civil(fromDays: days)
        appendPadded(Int64(year), 4); bytes.append(45)
        appendPadded(Int64(month), 2); bytes.append(45)
        appendPadded(Int64(day), 2); bytes.append(84)
        appendPadded(msOfDay / 3_600_000, 2); bytes.append(58)
        appendPadded(msOfDay / 60_000 % 60, 2); bytes.append(58)
        appendPadded(msOfDay / 1_000 % 60, 2); bytes.append(46)
        appendPadded(msOfDay % 1_000, 3); bytes.append(90)
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(10)
        rowCount += 1
        atRowStart = true
    }

    private mutating func separate() {
        if !atRowStart { bytes.append(9) }
        atRowStart = false
    }

    private mutating func appendPadded(_ value: Int64, _ width: Int) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(48 + UInt8(truncatingIfNeeded: rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            bytes.append(45)
            if value == .min {
                bytes.append(contentsOf: "9223372036854775808".utf8)
                return
            }
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = 48 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }
}
