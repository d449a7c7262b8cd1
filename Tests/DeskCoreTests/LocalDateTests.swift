import Foundation
import Testing
@testable import DeskCore

@Suite struct LocalDateTests {
    @Test func parsesAndFormatsISO() throws {
        let date = try #require(LocalDate(iso: "2026-02-28"))
        #expect(date.iso == "2026-02-28")
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2026-2-28") == nil)
        #expect(LocalDate(iso: "2026-13-01") == nil)
        #expect(LocalDate(iso: "garbage") == nil)
    }

    @Test func roundTripsDaysSinceEpoch() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: n).daysSinceEpoch == n)
        }
        #expect(LocalDate(daysSinceEpoch: 0).iso == "1970-01-01")
    }

    @Test(arguments: [
        ("2026-11-23", 1), ("2026-11-21", 6), ("2026-11-22", 7), ("1970-01-01", 4), ("2000-02-29", 2),
    ])
    func isoWeekday(iso: String, weekday: Int) throws {
        #expect(try #require(LocalDate(iso: iso)).weekday == weekday)
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-03-31", 1, "2026-04-30"),
        ("2026-08-31", 1, "2026-09-30"), ("2026-12-15", 1, "2027-01-15"), ("2026-01-31", 3, "2026-04-30"),
        ("2026-03-31", -1, "2026-02-28"), ("2026-01-15", -13, "2024-12-15"),
    ])
    func addingMonthsClampsToMonthEnd(from: String, months: Int, expected: String) throws {
        #expect(try #require(LocalDate(iso: from)).adding(months: months).iso == expected)
    }

    @Test func addsDaysAndMeasuresDistance() throws {
        let a = try #require(LocalDate(iso: "2026-12-30"))
        #expect(a.adding(days: 3).iso == "2027-01-02")
        #expect(a.adding(days: 3).daysSince(a) == 3)
        #expect(a.daysSince(a.adding(days: 3)) == -3)
        #expect(a < a.adding(days: 1))
    }

    @Test func localDateOfAnInstantDependsOnZone() throws {
        let t = try #require(instant("2026-11-17T19:30:00Z"))
        #expect(LocalDate(t, in: tashkent).iso == "2026-11-18")
        #expect(LocalDate(t, in: try #require(TimeZone(identifier: "UTC"))).iso == "2026-11-17")
        let start = try #require(LocalDate(iso: "2026-11-18")).startInstant(in: tashkent)
        #expect(LocalDate(start, in: tashkent).iso == "2026-11-18")
        #expect(LocalDate(start.addingTimeInterval(-1), in: tashkent).iso == "2026-11-17")
    }

    @Test func codableAsISOString() throws {
        let date = try #require(LocalDate(iso: "2026-03-05"))
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2026-03-05\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [date])
    }
}
