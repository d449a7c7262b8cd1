import Foundation
@testable import DeskCore

let tashkent = TimeZone(identifier: "Asia/Tashkent") ?? TimeZone(secondsFromGMT: 5 * 3_600) ?? .current

/// A date from an ISO literal in a test; a wrong literal fails the test through `#require` at the call site.
func day(_ iso: String) -> LocalDate? { LocalDate(iso: iso) }

/// An instant from "YYYY-MM-DD HH:MM" local Tashkent time, or from a full ISO 8601 instant with a zone.
func instant(_ text: String) -> Date? {
    if text.hasSuffix("Z") {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)
    }
    let parts = text.split(separator: " ")
    guard parts.count == 2, let date = LocalDate(iso: String(parts[0])) else { return nil }
    let hm = parts[1].split(separator: ":").compactMap { Int($0) }
    guard hm.count == 2 else { return nil }
    return date.startInstant(in: tashkent).addingTimeInterval(TimeInterval(hm[0] * 3_600 + hm[1] * 60))
}

/// The calendar of the deadline table in the brief: Sat+Sun weekend; 1 Sep, 1 Oct and 8 Dec 2026 off.
let testCalendar = WorkingCalendar(name: "TEST", weekend: .satSun, holidays: [
    fixedDay("2026-09-01"): "Independence Day",
    fixedDay("2026-10-01"): "Teachers' Day",
    fixedDay("2026-12-08"): "Constitution Day",
])

/// A date from a literal known to be valid; a mistyped literal gives 1970-01-01 and the tests using it fail.
func fixedDay(_ iso: String) -> LocalDate { LocalDate(iso: iso) ?? LocalDate(daysSinceEpoch: 0) }
