import Foundation
import Testing
@testable import DeskCore

/// One due date on the shipped policies and calendars (issue 14, Tests).
struct ShippedCase: Sendable, CustomStringConvertible {
    let policy: String
    let right: Right
    var consentWithdrawal = false
    /// A calendar other than the policy's own (`UZ-6`).
    var calendar: String? = nil
    let received: String
    /// When the requester supplied the information asked for (end of the last wait on them).
    var information: String? = nil
    var pausedDays = 0
    let expected: String

    var description: String {
        "\(policy)\(calendar.map { "@\($0)" } ?? "") \(right.rawValue)\(consentWithdrawal ? "+withdrawal" : "") \(received) -> \(expected)"
    }
}

@Suite struct ShippedDeadlineTests {
    /// Every (policy, right) pair, received on Friday 20 November 2026 at 09:00 in Tashkent.
    static let everyPair: [ShippedCase] = [
        // ZRU-547: 3 days for rectification; the desk's own 10 days for the rest.
        ShippedCase(policy: "uz", right: .rectification, received: "2026-11-20 09:00", expected: "2026-11-23"),
        ShippedCase(policy: "uz", right: .access, received: "2026-11-20 09:00", expected: "2026-11-30"),
        ShippedCase(policy: "uz", right: .erasure, received: "2026-11-20 09:00", expected: "2026-11-30"),
        ShippedCase(policy: "uz", right: .restriction, received: "2026-11-20 09:00", expected: "2026-11-30"),
        ShippedCase(policy: "uz", right: .objection, received: "2026-11-20 09:00", expected: "2026-11-30"),
        ShippedCase(policy: "uz", right: .portability, received: "2026-11-20 09:00", expected: "2026-11-30"),
        // ZRU-445: 15 days → Sat 5 Dec → Mon 7 Dec.
        ShippedCase(policy: "uz-state", right: .rectification, received: "2026-11-20 09:00", expected: "2026-12-07"),
        ShippedCase(policy: "uz-state", right: .access, received: "2026-11-20 09:00", expected: "2026-12-07"),
        ShippedCase(policy: "uz-state", right: .erasure, received: "2026-11-20 09:00", expected: "2026-12-07"),
        ShippedCase(policy: "uz-state", right: .restriction, received: "2026-11-20 09:00", expected: "2026-12-07"),
        ShippedCase(policy: "uz-state", right: .objection, received: "2026-11-20 09:00", expected: "2026-12-07"),
        ShippedCase(policy: "uz-state", right: .portability, received: "2026-11-20 09:00", expected: "2026-12-07"),
        // GDPR: one month → Sun 20 Dec → Mon 21 Dec on the EU calendar.
        ShippedCase(policy: "gdpr", right: .rectification, received: "2026-11-20 09:00", expected: "2026-12-21"),
        ShippedCase(policy: "gdpr", right: .access, received: "2026-11-20 09:00", expected: "2026-12-21"),
        ShippedCase(policy: "gdpr", right: .erasure, received: "2026-11-20 09:00", expected: "2026-12-21"),
        ShippedCase(policy: "gdpr", right: .restriction, received: "2026-11-20 09:00", expected: "2026-12-21"),
        ShippedCase(policy: "gdpr", right: .objection, received: "2026-11-20 09:00", expected: "2026-12-21"),
        ShippedCase(policy: "gdpr", right: .portability, received: "2026-11-20 09:00", expected: "2026-12-21"),
        // 152-FZ: 10 working days (art. 14(3), 21(5.1)), 7 (art. 20(3)), blocking the same day (art. 21(1)),
        // 30 days after consent is withdrawn (art. 21(5)) → Sun 20 Dec → Mon 21 Dec.
        ShippedCase(policy: "ru", right: .rectification, received: "2026-11-20 09:00", expected: "2026-12-01"),
        ShippedCase(policy: "ru", right: .access, received: "2026-11-20 09:00", expected: "2026-12-04"),
        ShippedCase(policy: "ru", right: .erasure, received: "2026-11-20 09:00", expected: "2026-12-01"),
        ShippedCase(policy: "ru", right: .restriction, received: "2026-11-20 09:00", expected: "2026-11-20"),
        ShippedCase(policy: "ru", right: .objection, received: "2026-11-20 09:00", expected: "2026-12-04"),
        ShippedCase(policy: "ru", right: .objection, consentWithdrawal: true, received: "2026-11-20 09:00", expected: "2026-12-21"),
        ShippedCase(policy: "ru", right: .portability, received: "2026-11-20 09:00", expected: "2026-12-04"),
    ]

    /// Every (policy, right) pair again, received on Monday 28 December 2026 at 10:00 in Tashkent:
    /// each term runs across the year end, through the UZ days off (Thu 31 Dec by the decree, Fri 1
    /// Jan) and the Russian New Year holidays (31 Dec by the 2026 resolution, 1–8 Jan). Counted by
    /// hand from the terms of `DefaultPolicies.swift` and the calendars' sources.
    static let yearEnd: [ShippedCase] = [
        // ZRU-547: 28 Dec + 3 = Thu 31 Dec (off), Fri 1 Jan (holiday), weekend → Mon 4 Jan.
        ShippedCase(policy: "uz", right: .rectification, received: "2026-12-28 10:00", expected: "2027-01-04"),
        // The desk's 10 days: Thu 7 Jan 2027, a working day.
        ShippedCase(policy: "uz", right: .access, received: "2026-12-28 10:00", expected: "2027-01-07"),
        ShippedCase(policy: "uz", right: .erasure, received: "2026-12-28 10:00", expected: "2027-01-07"),
        ShippedCase(policy: "uz", right: .restriction, received: "2026-12-28 10:00", expected: "2027-01-07"),
        ShippedCase(policy: "uz", right: .objection, received: "2026-12-28 10:00", expected: "2027-01-07"),
        ShippedCase(policy: "uz", right: .portability, received: "2026-12-28 10:00", expected: "2027-01-07"),
        // ZRU-445: 15 days → Tue 12 Jan 2027.
        ShippedCase(policy: "uz-state", right: .rectification, received: "2026-12-28 10:00", expected: "2027-01-12"),
        ShippedCase(policy: "uz-state", right: .access, received: "2026-12-28 10:00", expected: "2027-01-12"),
        ShippedCase(policy: "uz-state", right: .erasure, received: "2026-12-28 10:00", expected: "2027-01-12"),
        ShippedCase(policy: "uz-state", right: .restriction, received: "2026-12-28 10:00", expected: "2027-01-12"),
        ShippedCase(policy: "uz-state", right: .objection, received: "2026-12-28 10:00", expected: "2027-01-12"),
        ShippedCase(policy: "uz-state", right: .portability, received: "2026-12-28 10:00", expected: "2027-01-12"),
        // GDPR: one month → Thu 28 Jan 2027 (the EU calendar has no holidays).
        ShippedCase(policy: "gdpr", right: .rectification, received: "2026-12-28 10:00", expected: "2027-01-28"),
        ShippedCase(policy: "gdpr", right: .access, received: "2026-12-28 10:00", expected: "2027-01-28"),
        ShippedCase(policy: "gdpr", right: .erasure, received: "2026-12-28 10:00", expected: "2027-01-28"),
        ShippedCase(policy: "gdpr", right: .restriction, received: "2026-12-28 10:00", expected: "2027-01-28"),
        ShippedCase(policy: "gdpr", right: .objection, received: "2026-12-28 10:00", expected: "2027-01-28"),
        ShippedCase(policy: "gdpr", right: .portability, received: "2026-12-28 10:00", expected: "2027-01-28"),
        // 152-FZ working days: 29 Dec (1), 30 Dec (2), then 31 Dec–10 Jan off, 11–15 Jan (3–7),
        // 18–20 Jan (8–10). Blocking: the day received. Consent withdrawn: 30 days → Wed 27 Jan.
        ShippedCase(policy: "ru", right: .rectification, received: "2026-12-28 10:00", expected: "2027-01-15"),
        ShippedCase(policy: "ru", right: .access, received: "2026-12-28 10:00", expected: "2027-01-20"),
        ShippedCase(policy: "ru", right: .erasure, received: "2026-12-28 10:00", expected: "2027-01-15"),
        ShippedCase(policy: "ru", right: .restriction, received: "2026-12-28 10:00", expected: "2026-12-28"),
        ShippedCase(policy: "ru", right: .objection, received: "2026-12-28 10:00", expected: "2027-01-20"),
        ShippedCase(policy: "ru", right: .objection, consentWithdrawal: true, received: "2026-12-28 10:00", expected: "2027-01-27"),
        ShippedCase(policy: "ru", right: .portability, received: "2026-12-28 10:00", expected: "2027-01-20"),
    ]

    /// The cases the issue names, on the 2026 decree's calendar.
    static let named: [ShippedCase] = [
        // 6 Mar + 3 = Mon 9 Mar, the day off for 8 Mar (a Sunday) → Tue 10 Mar.
        ShippedCase(policy: "uz", right: .rectification, received: "2026-03-06 10:00", expected: "2026-03-10"),
        // 25 May + 3 = Thu 28 May; 28–29 May extra days off, weekend → Mon 1 Jun.
        ShippedCase(policy: "uz", right: .rectification, received: "2026-05-25 10:00", expected: "2026-06-01"),
        // 28 Aug + 3 = Mon 31 Aug (extra day off), 1 Sep → Wed 2 Sep.
        ShippedCase(policy: "uz", right: .rectification, received: "2026-08-28 10:00", expected: "2026-09-02"),
        // 28 Dec + 3 = Thu 31 Dec (the day off of 12 Dec), 1 Jan, weekend → Mon 4 Jan 2027.
        ShippedCase(policy: "uz", right: .rectification, received: "2026-12-28 10:00", expected: "2027-01-04"),
        // 2 Dec + 10 = Sat 12 Dec: worked on the five-day week, an ordinary day on the six-day week.
        ShippedCase(policy: "uz", right: .access, received: "2026-12-02 10:00", expected: "2026-12-12"),
        ShippedCase(policy: "uz", right: .access, calendar: "UZ-6", received: "2026-12-02 10:00", expected: "2026-12-12"),
        // Six-day week: Sat 21 Mar is Navroʻz, 23 Mar is worked (the move to Monday is five-day only).
        ShippedCase(policy: "uz", right: .rectification, calendar: "UZ-6", received: "2026-03-18 10:00", expected: "2026-03-23"),
        ShippedCase(policy: "uz", right: .rectification, received: "2026-03-18 10:00", expected: "2026-03-24"),
        // Six-day week: 30 May is an extra day off → Mon 1 Jun; the same request on the five-day week too.
        ShippedCase(policy: "uz", right: .rectification, calendar: "UZ-6", received: "2026-05-27 10:00", expected: "2026-06-01"),
        // 2027 before its decree: Navroʻz on a Sunday gives Mon 22 Mar.
        ShippedCase(policy: "uz", right: .rectification, received: "2027-03-18 10:00", expected: "2027-03-23"),
        // ru blocking: due the day it is received.
        ShippedCase(policy: "ru", right: .restriction, received: "2026-12-02 16:00", expected: "2026-12-02"),
        // ru rectification: 7 working days from the day the information arrived (Wed 2 Dec), not from receipt.
        ShippedCase(policy: "ru", right: .rectification, received: "2026-11-20 09:00", information: "2026-12-02 12:00",
                    pausedDays: 9, expected: "2026-12-11"),
        // ru access: no pause in 152-FZ, whatever was recorded.
        ShippedCase(policy: "ru", right: .access, received: "2026-11-20 09:00", pausedDays: 5, expected: "2026-12-04"),
        // ru 2026: 9 Mar (for 8 Mar) and 11 May (for 9 May) are days off.
        ShippedCase(policy: "ru", right: .rectification, received: "2026-03-05 10:00", expected: "2026-03-17"),
        // GDPR across Navroʻz: 21 Feb + 1 month = Sat 21 Mar → Mon 23 Mar on the EU calendar (UZ would give 24 Mar).
        ShippedCase(policy: "gdpr", right: .access, received: "2026-02-21 10:00", expected: "2026-03-23"),
    ]

    @Test(arguments: everyPair + yearEnd + named)
    func dueDate(_ row: ShippedCase) throws {
        let policy = try #require(DeadlinePolicy.named(row.policy))
        let rule = try #require(policy.rule(for: row.right, consentWithdrawal: row.consentWithdrawal))
        let calendar = try #require(WorkingCalendar.named(row.calendar ?? policy.calendarName))
        let zone = try #require(policy.timeZone)
        let received = try #require(instant(row.received))
        let information = try row.information.map { try #require(instant($0)) }
        let due = DeadlineEngine.dueDate(receivedAt: received, rule: rule, timeZone: zone, calendar: calendar,
                                         pausedDays: row.pausedDays, informationAt: information)
        #expect(due.iso == row.expected)
    }

    @Test(arguments: [everyPair, yearEnd])
    func everyPairIsCovered(_ table: [ShippedCase]) {
        var pairs = Set<String>()
        for row in table where row.calendar == nil { pairs.insert("\(row.policy)/\(row.right.rawValue)") }
        for policy in DeadlinePolicy.defaults {
            for right in Right.allCases { #expect(pairs.contains("\(policy.code)/\(right.rawValue)")) }
        }
        // The consent-withdrawal term of every policy that has one.
        for policy in DeadlinePolicy.defaults where policy.consentWithdrawalRule != nil {
            #expect(table.contains { $0.policy == policy.code && $0.consentWithdrawal })
        }
    }

    @Test func uzPausesAddTheDaysWaited() throws {
        // The desk's own term pauses: 5 days waited move 30 Nov to 5 Dec (Sat) → Mon 7 Dec.
        let rule = try #require(DeadlinePolicy.named("uz")?.rule(for: .access))
        let due = DeadlineEngine.dueDate(receivedAt: try #require(instant("2026-11-20 09:00")), rule: rule, timeZone: tashkent,
                                         calendar: .uz, pausedDays: 5)
        #expect(due.iso == "2026-12-07")
    }
}

/// The 2026 calendars as the decree and the Russian resolution set them (issue 14 item 2).
@Suite struct ShippedCalendarTests {
    static func offDays(_ calendar: WorkingCalendar, _ year: Int) -> [String] {
        var days: [String] = []
        var date = LocalDate(year: year, month: 1, day: 1) ?? LocalDate(daysSinceEpoch: 0)
        while date.year == year {
            if !calendar.weekend.weekendDays.contains(date.weekday) && !calendar.isWorkingDay(date) { days.append(date.iso) }
            date = date.adding(days: 1)
        }
        return days
    }

    @Test func uzbekFiveDayWeek2026() throws {
        #expect(Self.offDays(.uz, 2026) == [
            "2026-01-01", "2026-01-02", "2026-03-09", "2026-03-20", "2026-03-23", "2026-05-11", "2026-05-27", "2026-05-28",
            "2026-05-29", "2026-08-31", "2026-09-01", "2026-10-01", "2026-12-08", "2026-12-31",
        ])
        #expect(WorkingCalendar.uz.isWorkingDay(fixedDay("2026-12-12")), "Sat 12 Dec 2026 is worked")
        #expect(!WorkingCalendar.uz.isWorkingDay(fixedDay("2026-12-19")))
    }

    @Test func uzbekSixDayWeek2026() throws {
        #expect(Self.offDays(.uz6, 2026) == [
            "2026-01-01", "2026-01-02", "2026-01-03", "2026-03-20", "2026-03-21", "2026-05-09", "2026-05-27", "2026-05-28",
            "2026-05-29", "2026-05-30", "2026-08-31", "2026-09-01", "2026-10-01", "2026-12-08", "2026-12-31",
        ])
    }

    @Test func uzbek2027FollowsTheLabourCodeUntilItsDecree() throws {
        let entries = WorkingCalendar.uzbekEntries.filter { $0.day.year == 2027 }
        let moved = entries.filter { $0.name.hasSuffix("oʻrniga dam olish kuni") }.map(\.day.iso)
        #expect(moved == ["2027-03-22", "2027-05-10", "2027-05-17"])
        #expect(entries.filter { $0.name == "Ramazon hayiti" || $0.name == "Qurbon hayiti" }.allSatisfy { $0.expected })
        #expect(entries.filter { moved.contains($0.day.iso) }.allSatisfy { $0.expected })
    }

    @Test func russia2026() throws {
        let off = Self.offDays(.ru, 2026)
        for date in ["2026-01-09", "2026-03-09", "2026-05-11", "2026-12-31"] { #expect(off.contains(date), "\(date)") }
        #expect(!off.contains("2026-01-12"))
    }

    @Test func transferRuleMovesOnlyPastRestDaysAndOtherHolidays() {
        // Sat 8 Mar 2025: five-day week → Mon 10 Mar; six-day week → no move (Saturday is worked).
        let holiday = CalendarEntry(fixedDay("2025-03-08"), "H")
        let five = HolidayTransfer.transfers(of: [holiday], weeks: [.satSun, .sun], name: { _ in "T" })
        #expect(five.map(\.description) == ["2025-03-10 day_off week=5 T"])
        // Two holidays on one weekend (Sat, Sun) give Mon and Tue.
        let two = HolidayTransfer.transfers(
            of: [CalendarEntry(fixedDay("2027-05-01"), "A"), CalendarEntry(fixedDay("2027-05-02"), "B")], weeks: [.satSun],
            name: { $0.name })
        #expect(two.map(\.day.iso) == ["2027-05-03", "2027-05-04"])
    }
}
