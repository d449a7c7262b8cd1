import Foundation
import Testing
@testable import DeskCore

/// One row of the deadline table in the brief.
struct DeadlineCase: Sendable, CustomStringConvertible {
    let policy: String
    let right: Right
    let received: String
    let pauses: [(from: String, to: String)]
    let extended: Period?
    let expected: String

    init(_ policy: String, _ right: Right, _ received: String, pauses: [(from: String, to: String)] = [],
         extension: Period? = nil, _ expected: String) {
        self.policy = policy
        self.right = right
        self.received = received
        self.pauses = pauses
        self.extended = `extension`
        self.expected = expected
    }

    var description: String { "\(policy) \(right.rawValue) \(received) -> \(expected)" }
}

@Suite struct DeadlineTests {
    static let table: [DeadlineCase] = [
        DeadlineCase("uz", .rectification, "2026-11-19 10:00", "2026-11-23"),
        DeadlineCase("uz", .rectification, "2026-10-16 12:00", "2026-10-19"),
        DeadlineCase("uz", .rectification, "2026-11-17T19:30:00Z", "2026-11-23"),
        DeadlineCase("uz", .access, "2026-08-24 09:00", "2026-09-03"),
        DeadlineCase("uz", .access, "2026-08-22 09:00", "2026-09-02"),
        DeadlineCase("uz", .access, "2026-11-02 09:00", pauses: [("2026-11-04 11:00", "2026-11-09 15:00")], "2026-11-17"),
        DeadlineCase("uz-state", .erasure, "2026-12-01 09:00", "2026-12-16"),
        DeadlineCase("gdpr", .access, "2026-03-05 09:00", "2026-04-06"),
        DeadlineCase("gdpr", .access, "2026-08-31 09:00", "2026-09-30"),
        DeadlineCase("gdpr", .erasure, "2026-01-31 09:00", "2026-03-02"),
        DeadlineCase("gdpr", .access, "2026-03-05 09:00", extension: Period(2, .months), "2026-06-05"),
        DeadlineCase("ru", .access, "2026-11-20 09:00", "2026-12-04"),
    ]

    @Test(arguments: table)
    func dueDate(_ row: DeadlineCase) throws {
        let policy = try #require(DeadlinePolicy.named(row.policy))
        let rule = try #require(policy.rule(for: row.right))
        let zone = try #require(policy.timeZone)
        let received = try #require(instant(row.received))
        var pauses: [(from: Date, to: Date?)] = []
        for pause in row.pauses {
            let to: Date = try #require(instant(pause.to))
            pauses.append((from: try #require(instant(pause.from)), to: to))
        }
        let paused = DeadlineEngine.pausedDays(pauses: pauses, now: received, timeZone: zone)
        let due = DeadlineEngine.dueDate(receivedAt: received, rule: rule, timeZone: zone, calendar: testCalendar,
                                         pausedDays: paused, extension: row.extended)
        #expect(due.iso == row.expected)
    }

    @Test func pausedDaysCountsWholeLocalDaysAndRunningPauses() throws {
        let from = try #require(instant("2026-11-04 23:00"))
        let to = try #require(instant("2026-11-05 01:00"))
        let now = try #require(instant("2026-11-10 08:00"))
        #expect(DeadlineEngine.pausedDays(pauses: [(from: from, to: to)], now: now, timeZone: tashkent) == 1)
        #expect(DeadlineEngine.pausedDays(pauses: [(from: from, to: nil)], now: now, timeZone: tashkent) == 6)
        #expect(DeadlineEngine.pausedDays(pauses: [(from: to, to: to)], now: now, timeZone: tashkent) == 0)
    }

    @Test func sameDayCountingStartsOnReceipt() throws {
        let received = try #require(instant("2026-11-16 10:00"))
        let rule = DeadlineRule(right: .access, period: Period(3, .calendarDays), countingStart: .sameDay,
                                identityPausesClock: false, maxExtension: nil, source: "test")
        #expect(DeadlineEngine.dueDate(receivedAt: received, rule: rule, timeZone: tashkent, calendar: testCalendar).iso == "2026-11-18")
        let wd = DeadlineRule(right: .access, period: Period(1, .workingDays), countingStart: .sameDay,
                              identityPausesClock: false, maxExtension: nil, source: "test")
        #expect(DeadlineEngine.dueDate(receivedAt: received, rule: wd, timeZone: tashkent, calendar: testCalendar).iso == "2026-11-16")
    }

    @Test func extensionInAnotherUnitIsCountedFromTheBaseDueDate() throws {
        let policy = try #require(DeadlinePolicy.named("uz-state"))
        let rule = try #require(policy.rule(for: .access))
        let received = try #require(instant("2026-01-01 09:00"))
        // 1 Jan + 15 days = 16 Jan; + 1 month = 16 Feb (Monday).
        let due = DeadlineEngine.dueDate(receivedAt: received, rule: rule, timeZone: tashkent, calendar: testCalendar,
                                         extension: Period(1, .months))
        #expect(due.iso == "2026-02-16")
    }

    @Test func extensionWithinTheCapIsGranted() throws {
        let policy = try #require(DeadlinePolicy.named("gdpr"))
        let rule = try #require(policy.rule(for: .access))
        let received = try #require(instant("2026-03-05 09:00"))
        let today = try #require(day("2026-03-20"))
        let due = try DeadlineEngine.extendedDueDate(requested: Period(2, .months), receivedAt: received, rule: rule,
                                                     timeZone: tashkent, calendar: testCalendar, today: today)
        #expect(due.iso == "2026-06-05")
        // 61 calendar days after 5 April is 5 June, within 2 months.
        let days = try DeadlineEngine.extendedDueDate(requested: Period(61, .calendarDays), receivedAt: received, rule: rule,
                                                      timeZone: tashkent, calendar: testCalendar, today: today)
        #expect(days.iso == "2026-06-05")
    }

    @Test func extensionBeyondTheCapIsRefused() throws {
        let rule = try #require(DeadlinePolicy.named("gdpr")?.rule(for: .access))
        let received = try #require(instant("2026-03-05 09:00"))
        let today = try #require(day("2026-03-20"))
        #expect(throws: DeskCoreError.self) {
            try DeadlineEngine.extendedDueDate(requested: Period(3, .months), receivedAt: received, rule: rule,
                                               timeZone: tashkent, calendar: testCalendar, today: today)
        }
        #expect(throws: DeskCoreError.self) {
            try DeadlineEngine.extendedDueDate(requested: Period(1, .months), alreadyGranted: Period(2, .months),
                                               receivedAt: received, rule: rule, timeZone: tashkent,
                                               calendar: testCalendar, today: today)
        }
        // 1 + 1 months is still within the cap.
        let twice = try DeadlineEngine.extendedDueDate(requested: Period(1, .months), alreadyGranted: Period(1, .months),
                                                       receivedAt: received, rule: rule, timeZone: tashkent,
                                                       calendar: testCalendar, today: today)
        #expect(twice.iso == "2026-06-05")
    }

    @Test func extensionAfterTheDueDateOrWithoutARuleIsRefused() throws {
        let gdpr = try #require(DeadlinePolicy.named("gdpr")?.rule(for: .access))
        let received = try #require(instant("2026-03-05 09:00"))
        let late = try #require(day("2026-04-07"))
        do {
            _ = try DeadlineEngine.extendedDueDate(requested: Period(1, .months), receivedAt: received, rule: gdpr,
                                                   timeZone: tashkent, calendar: testCalendar, today: late)
            Issue.record("an extension after the due date was granted")
        } catch {
            #expect(error.code == .refusedByRule)
            #expect(error.reason == .extensionAfterDueDate(try #require(day("2026-04-06"))))
        }
        let onDueDate = try #require(day("2026-04-06"))
        #expect(throws: Never.self) {
            try DeadlineEngine.extendedDueDate(requested: Period(1, .months), receivedAt: received, rule: gdpr,
                                               timeZone: tashkent, calendar: testCalendar, today: onDueDate)
        }
        let uz = try #require(DeadlinePolicy.named("uz")?.rule(for: .access))
        #expect(throws: DeskCoreError.self) {
            try DeadlineEngine.extendedDueDate(requested: Period(5, .calendarDays), receivedAt: received, rule: uz,
                                               timeZone: tashkent, calendar: testCalendar, today: onDueDate)
        }
    }

    @Test func ruAccessExtensionOfFiveWorkingDays() throws {
        let rule = try #require(DeadlinePolicy.named("ru")?.rule(for: .access))
        let received = try #require(instant("2026-11-20 09:00"))
        let today = try #require(day("2026-11-25"))
        let due = try DeadlineEngine.extendedDueDate(requested: Period(5, .workingDays), receivedAt: received, rule: rule,
                                                     timeZone: tashkent, calendar: testCalendar, today: today)
        // 4 Dec + 5 working days, skipping 8 Dec: 7, 9, 10, 11, 14 Dec.
        #expect(due.iso == "2026-12-14")
        #expect(throws: DeskCoreError.self) {
            try DeadlineEngine.extendedDueDate(requested: Period(6, .workingDays), receivedAt: received, rule: rule,
                                               timeZone: tashkent, calendar: testCalendar, today: today)
        }
    }
}

@Suite struct PeriodTests {
    @Test(arguments: [
        ("10d", Period(10, .calendarDays)), ("5wd", Period(5, .workingDays)), ("2m", Period(2, .months)),
        (" 3D ", Period(3, .calendarDays)), ("2", Period(2, .months)),
    ])
    func parses(text: String, expected: Period) throws {
        #expect(try Period(parsing: text, bareUnit: .months) == expected)
    }

    @Test(arguments: ["", "d", "0d", "-1d", "3x", "3 d", "1.5m", "99999999d"])
    func rejects(text: String) {
        #expect(throws: DeskCoreError.self) { try Period(parsing: text, bareUnit: .calendarDays) }
    }

    @Test func bareNumberNeedsAUnit() {
        #expect(throws: DeskCoreError.self) { try Period(parsing: "2", bareUnit: nil) }
        #expect(Period(5, .workingDays).description == "5wd")
    }
}

@Suite struct WorkingCalendarTests {
    @Test func weekendsAndHolidaysAreNotWorkingDays() throws {
        #expect(testCalendar.isWorkingDay(try #require(day("2026-09-01"))) == false)
        #expect(testCalendar.isWorkingDay(try #require(day("2026-09-05"))) == false)
        #expect(testCalendar.isWorkingDay(try #require(day("2026-09-02"))))
        let sixDay = WorkingCalendar(name: "6", weekend: .sun)
        #expect(sixDay.isWorkingDay(try #require(day("2026-09-05"))))
        #expect(sixDay.isWorkingDay(try #require(day("2026-09-06"))) == false)
    }

    @Test func nextWorkingDay() throws {
        #expect(testCalendar.nextWorkingDay(onOrAfter: try #require(day("2026-08-29"))).iso == "2026-08-31")
        #expect(testCalendar.nextWorkingDay(onOrAfter: try #require(day("2026-09-01"))).iso == "2026-09-02")
        #expect(testCalendar.nextWorkingDay(onOrAfter: try #require(day("2026-09-02"))).iso == "2026-09-02")
    }

    @Test(arguments: [
        ("2026-11-20", 1, "2026-11-23"), ("2026-11-20", 10, "2026-12-04"), ("2026-12-04", 2, "2026-12-09"),
        ("2026-11-21", 1, "2026-11-23"), ("2026-11-23", 0, "2026-11-23"), ("2026-11-23", -1, "2026-11-20"),
    ])
    func addingWorkingDays(from: String, count: Int, expected: String) throws {
        #expect(testCalendar.addingWorkingDays(count, to: try #require(day(from))).iso == expected)
    }

    @Test(arguments: [
        ("2026-11-20", "2026-11-20", 0), ("2026-11-20", "2026-11-23", 1), ("2026-11-21", "2026-11-23", 1),
        ("2026-11-20", "2026-12-04", 10), ("2026-12-07", "2026-12-09", 1), ("2026-11-23", "2026-11-20", -1),
        ("2026-12-04", "2026-11-20", -10), ("2026-11-22", "2026-11-21", 0),
    ])
    func workingDaysLeft(today: String, due: String, expected: Int) throws {
        #expect(testCalendar.workingDays(from: try #require(day(today)), to: try #require(day(due))) == expected)
    }

    @Test func shippedCalendarsCarryTheirHolidays() throws {
        let uz = try #require(WorkingCalendar.named("UZ"))
        for year in 2025...2027 {
            for md in ["01-01", "03-08", "03-21", "05-09", "09-01", "10-01", "12-08"] {
                #expect(uz.holidays[try #require(day("\(year)-\(md)"))] != nil)
            }
        }
        #expect(uz.holidays.values.filter { $0 == "Ramazon hayiti" }.count == 3)
        #expect(uz.holidays.values.filter { $0 == "Qurbon hayiti" }.count == 3)
        let ru = try #require(WorkingCalendar.named("RU"))
        #expect(ru.isWorkingDay(try #require(day("2026-11-04"))) == false)
        #expect(try #require(WorkingCalendar.named("EU")).holidays.isEmpty)
    }

    @Test func shippedPoliciesMatchTheSpec() throws {
        #expect(DeadlinePolicy.defaults.map(\.code) == ["uz", "uz-state", "gdpr", "ru"])
        for policy in DeadlinePolicy.defaults {
            #expect(Set(policy.rules.keys) == Set(Right.allCases), "\(policy.code) covers every right")
            #expect(policy.timeZone != nil)
            #expect(WorkingCalendar.named(policy.calendarName) != nil)
        }
        let uz = try #require(DeadlinePolicy.named("uz"))
        #expect(uz.rule(for: .rectification)?.period == Period(3, .calendarDays))
        #expect(uz.rule(for: .rectification)?.basis == .statute)
        for right in [Right.access, .erasure, .restriction, .objection, .portability] {
            #expect(uz.rule(for: right)?.basis == .deskPolicy, "ZRU-547 sets no term for \(right.rawValue)")
        }
        #expect(uz.rules.values.allSatisfy { $0.maxExtension == nil && $0.identityPausesClock })
        let ru = try #require(DeadlinePolicy.named("ru"))
        #expect(ru.rule(for: .access)?.maxExtension == Period(5, .workingDays))
        #expect(ru.rule(for: .objection)?.maxExtension == Period(5, .workingDays))
        #expect(ru.rule(for: .rectification)?.period == Period(7, .workingDays))
        #expect(ru.rule(for: .portability)?.basis == .deskPolicy)
        #expect(ru.rules.values.allSatisfy { !$0.identityPausesClock && $0.clarificationClock != .pauses })
        #expect(ru.rule(for: .objection, consentWithdrawal: true)?.period == Period(30, .calendarDays))
        #expect(DeadlinePolicy.named("gdpr")?.rule(for: .portability)?.maxExtension == Period(2, .months))
        #expect(DeadlinePolicy.named("gdpr")?.calendarName == "EU")
        let state = try #require(DeadlinePolicy.named("uz-state"))
        #expect(state.rule(for: .erasure)?.source == "ZRU-445 art. 28")
        #expect(state.rules.values.allSatisfy { !$0.identityPausesClock }, "ZRU-445 counts from receipt")
        #expect(state.rules.values.allSatisfy { $0.extensionBasis == .deskPolicy }, "the one-month cap is the desk's, stricter than ZRU-445")
        #expect(DeadlinePolicy.named("gdpr")?.rule(for: .access)?.extensionBasis == .statute)
        #expect(uz.rule(for: .access)?.extensionBasis == nil)
    }
}

@Suite struct DeadlineByPolicyTests {
    @Test func resolvesRuleAndZoneFromThePolicy() throws {
        let policy = try #require(DeadlinePolicy.named("uz"))
        let received = try #require(instant("2026-11-17T19:30:00Z"))
        #expect(try DeadlineEngine.dueDate(for: .rectification, receivedAt: received, policy: policy, calendar: testCalendar).iso == "2026-11-23")
        let broken = DeadlinePolicy(code: "x", name: "x", timeZoneIdentifier: "Nowhere/City", calendarName: "UZ", rules: policy.rules)
        #expect(throws: DeskCoreError.self) { try DeadlineEngine.dueDate(for: .access, receivedAt: received, policy: broken, calendar: testCalendar) }
        let empty = DeadlinePolicy(code: "y", name: "y", calendarName: "UZ", rules: [:])
        #expect(throws: DeskCoreError.self) { try DeadlineEngine.dueDate(for: .access, receivedAt: received, policy: empty, calendar: testCalendar) }
        #expect(RequestState.open == [.received, .awaitingIdentity, .inProgress, .awaitingRequester])
    }
}
