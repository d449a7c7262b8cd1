import Foundation

/// Conversion between `Date` and PostgreSQL's ISO text forms, done with integer civil-date
/// arithmetic: no `DateFormatter`, no locale, exact to the microsecond the server keeps.
enum PostgresDateFormat {
    /// `2026-11-21T18:58:41.123456Z` — the instant in UTC, rounded to microseconds.
    static func timestamp(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        guard (0...9999).contains(y) else {
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m, d,
                Int(secondOfDay / 3600), Int(secondOfDay % 3600 / 60), Int(secondOfDay % 60), Int(fraction))
        }
        // Digits written into a buffer: String(format:) boxes every argument (CVarArg), which made
        // this a tenth of the intake's bulk writing, called for every row and event.
        var bytes = timestampTemplate
        func put(_ value: Int, at start: Int, digits: Int) {
            var rest = value
            for position in stride(from: start + digits - 1, through: start, by: -1) {
                bytes[position] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
        }
        put(y, at: 0, digits: 4)
        put(m, at: 5, digits: 2)
        put(d, at: 8, digits: 2)
        put(Int(secondOfDay / 3600), at: 11, digits: 2)
        put(Int(secondOfDay % 3600 / 60), at: 14, digits: 2)
        put(Int(secondOfDay % 60), at: 17, digits: 2)
        put(Int(fraction), at: 20, digits: 6)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let timestampTemplate = Array("0000-00-00T00:00:00.000000Z".utf8)

    /// 10⁰ … 10⁹, exactly: the divisor of a fraction of up to nine digits (`DigitScanner.fraction`).
    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// Parses the server's output for `timestamptz`, `timestamp` and `date` in ISO DateStyle:
    /// `2026-11-21 18:58:41.123456+05`, `…+05:30`, `2026-11-21`.
    static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text.utf8)
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(), scanner.skip("-"),
            let day = scanner.number()
        else { return nil }
        var seconds = Double(days(fromCivil: year, month, day)) * 86_400
        if scanner.atEnd { return Date(timeIntervalSince1970: seconds) }
        guard scanner.skip(" ") || scanner.skip("T"), let hour = scanner.number(), scanner.skip(":"),
            let minute = scanner.number(), scanner.skip(":"), let second = scanner.number()
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if scanner.skip(".") {
            let (value, digits) = scanner.fraction()
            seconds += Double(value) / powersOfTen[digits]
        }
        if scanner.skip("Z") { return Date(timeIntervalSince1970: seconds) }
        if let sign = scanner.sign() {
            guard let offsetHours = scanner.number() else { return nil }
            var offset = offsetHours * 3600
            if scanner.skip(":"), let offsetMinutes = scanner.number() { offset += offsetMinutes * 60 }
            if scanner.skip(":"), let offsetSeconds = scanner.number() { offset += offsetSeconds }
            seconds -= Double(sign * offset)
        }
        return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}

/// A tiny forward scanner over ASCII digits and separators.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ utf8: String.UTF8View) { bytes = Array(utf8) }

    var atEnd: Bool { index >= bytes.count }

    mutating func number() -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
            if index - start > 9 { return nil }
        }
        return index > start ? value : nil
    }

    mutating func fraction() -> (Int, Int) {
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            if digits < 9 { value = value * 10 + Int(bytes[index] - 48); digits += 1 }
            index += 1
        }
        return (value, digits)
    }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
