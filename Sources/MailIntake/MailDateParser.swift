import DeskCore
public import Foundation

/// Parses the `Date` header in RFC 5322 form and the broken forms seen in real mail:
/// missing weekday, two-digit years, named zones (UT, GMT, EST, MSK…), missing seconds,
/// trailing comments such as `(UZT)`, and ISO 8601 dates. Returns nil when hopeless.
public enum MailDateParser {
    /// Named zones and their offsets in minutes east of UTC.
    static let zones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "CET": 60, "CEST": 120, "BST": 60, "EET": 120, "EEST": 180,
        "MSK": 180, "MSD": 240, "UZT": 300, "TJT": 300, "KGT": 360, "ALMT": 360,
        "IST": 330, "JST": 540,
    ]

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The instant `value` names, or nil when it cannot be read as a date.
    public static func parse(_ value: String) -> Date? {
        if let standard = parseStandard(value) { return standard }
        return parseGeneral(value)
    }

    /// `parse` of every form (the definition).
    static func parseGeneral(_ value: String) -> Date? {
        var cleaned = ""
        var depth = 0
        for character in value.prefix(200) {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); cleaned.append(" "); continue }
            if depth == 0 { cleaned.append(character == "," ? " " : character) }
        }
        if let iso = parseISO(cleaned.trimmingSpaces) { return iso }
        let tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var offset: Int?
        for token in tokens {
            let lower = token.lowercased()
            if token.contains(":"), time == nil {
                let pieces = token.split(separator: ":").map { Int($0) }
                guard pieces.count >= 2, pieces.count <= 3, pieces.allSatisfy({ $0 != nil }) else { return nil }
                time = (pieces[0] ?? 0, pieces[1] ?? 0, pieces.count == 3 ? (pieces[2] ?? 0) : 0)
            } else if (token.hasPrefix("+") || token.hasPrefix("-")) && token.count == 5, let number = Int(token.dropFirst()) {
                let minutes = (number / 100) * 60 + number % 100
                offset = token.hasPrefix("-") ? -minutes : minutes
            } else if let zone = zones[token.uppercased()], offset == nil {
                offset = zone
            } else if lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))), month == nil,
                      lower.allSatisfy({ $0.isLetter }) {
                month = index + 1
            } else if let number = Int(token) {
                if day == nil && token.count <= 2 && month == nil { day = number }
                else if day == nil && token.count <= 2 && year == nil && month != nil { day = number }
                else if year == nil { year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number)
                                                               : (token.count == 3 ? 1900 + number : number) }
            }
        }
        guard let day, let month, let year else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset ?? 0)
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { Array($0.utf8) }
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }

    /// The date of the one form nearly every mailer writes, `Mon, 05 Jan 2026 09:08:09 +0500`
    /// (weekday optional, seconds optional), read byte by byte: `.some(date)` (nil when it names no
    /// valid instant), or nil when `value` is not exactly in that form and the general reading decides.
    /// For this form the general reading finds the same day, month, year, time and offset.
    static func parseStandard(_ value: String) -> Date?? {
        value.utf8.withContiguousStorageIfAvailable { bytes -> Date?? in
            var index = 0
            func digits(_ count: Int) -> Int? {
                guard index + count <= bytes.count else { return nil }
                var number = 0
                for offset in 0..<count {
                    let byte = bytes[index + offset]
                    guard byte >= 0x30 && byte <= 0x39 else { return nil }
                    number = number * 10 + Int(byte - 0x30)
                }
                index += count
                return number
            }
            func name(_ names: [[UInt8]]) -> Int? {
                guard index + 3 <= bytes.count else { return nil }
                let found = names.firstIndex { $0[0] == bytes[index] && $0[1] == bytes[index + 1] && $0[2] == bytes[index + 2] }
                if found != nil { index += 3 }
                return found
            }
            func skip(_ byte: UInt8) -> Bool {
                guard index < bytes.count, bytes[index] == byte else { return false }
                index += 1
                return true
            }
            if name(weekdayNames) != nil {
                guard skip(0x2C), skip(0x20) else { return nil }  // ", "
            }
            let oneDigitDay = index + 1 < bytes.count && bytes[index + 1] == 0x20
            guard let day = digits(oneDigitDay ? 1 : 2), skip(0x20),
                  let month = name(monthNames), skip(0x20),
                  let year = digits(4), skip(0x20),
                  let hour = digits(2), skip(0x3A), let minute = digits(2) else { return nil }
            var second = 0
            if skip(0x3A) {
                guard let value = digits(2) else { return nil }
                second = value
            }
            guard skip(0x20), index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D else { return nil }
            let negative = bytes[index] == 0x2D
            index += 1
            guard let zone = digits(4), index == bytes.count else { return nil }
            let minutes = (zone / 100) * 60 + zone % 100
            return .some(make(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second,
                              offset: negative ? -minutes : minutes))
        } ?? nil
    }

    /// `2026-03-05T10:15:00+05:00`, `2026-03-05 10:15`, `2026-03-05`.
    static func parseISO(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 10, utf8[4] == 0x2D, utf8[7] == 0x2D,
              let year = Int(String(decoding: utf8[0..<4], as: UTF8.self)),
              let month = Int(String(decoding: utf8[5..<7], as: UTF8.self)),
              let day = Int(String(decoding: utf8[8..<10], as: UTF8.self)) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if utf8.count >= 16, utf8[10] == 0x54 || utf8[10] == 0x20, utf8[13] == 0x3A,
           let h = Int(String(decoding: utf8[11..<13], as: UTF8.self)),
           let m = Int(String(decoding: utf8[14..<16], as: UTF8.self)) {
            hour = h; minute = m
            var rest = utf8[16...]
            if rest.first == 0x3A, rest.count >= 3, let s = Int(String(decoding: rest.dropFirst().prefix(2), as: UTF8.self)) {
                second = s
                rest = rest.dropFirst(3)
            }
            while rest.first == 0x2E || (rest.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false) { rest = rest.dropFirst() }
            let zone = String(decoding: rest, as: UTF8.self).trimmingSpaces
            if zone.hasPrefix("+") || zone.hasPrefix("-") {
                let digits = zone.dropFirst().filter { $0 != ":" }
                if digits.count == 4, let number = Int(digits) {
                    let minutes = (number / 100) * 60 + number % 100
                    offset = zone.hasPrefix("-") ? -minutes : minutes
                }
            }
        } else if utf8.count != 10 {
            return nil
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        let days = date.daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
