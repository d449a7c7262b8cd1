// The working-day calendars shipped with the desk (SPEC §4, issue 14 item 2).
//
// This file is the one source of truth: `SQL/0081_calendar_entries.sql` ships the same entries and
// `ShippedDataTests` fails when the two differ (it prints the SQL rows that this file implies).
//
// Sources:
// - Uzbekistan, public holidays: Labour Code of the Republic of Uzbekistan (1 Jan, 8 Mar, 21 Mar,
//   9 May, 1 Sep, 1 Oct, 8 Dec; Ramazon hayiti and Qurbon hayiti on the dates fixed each year).
// - Uzbekistan 2025: Ramazon hayiti 30 Mar (a Sunday, so Mon 31 Mar off) and Qurbon hayiti 6 Jun as
//   announced; the decree's extra days off 2 Jan and 31 Dec; 8 Mar (a Saturday) gives Mon 10 Mar
//   on the five-day week by the Labour Code rule. Further 2025 transfers could not be checked
//   against the decree's text here; enter them with `dsar calendar add` if the desk needs them.
// - Uzbekistan 2026: Decree of the President of the Republic of Uzbekistan of 24 December 2025 on
//   days off in 2026: extra days off 2 Jan, 28 May, 29 May, 31 Aug for everyone; for the six-day
//   week also 3 Jan, 30 May and 31 Dec; for the five-day week the holidays on a weekend move to
//   Mon 9 Mar (8 Mar), Mon 23 Mar (21 Mar) and Mon 11 May (9 May), and the day off of Sat 12 Dec
//   moves to Thu 31 Dec (12 Dec is worked). Ramazon hayiti 20 Mar 2026 (confirmed by resolution),
//   Qurbon hayiti 27 May 2026.
// - Uzbekistan 2027: no decree yet; Ramazon hayiti 10 Mar and Qurbon hayiti 16 May are the expected
//   dates, and the Labour Code rule (`HolidayTransfer`) gives Mon 22 Mar, Mon 10 May, Mon 17 May.
//   Correct with `dsar calendar add/remove` when the decree is published.
// - Russia: Labour Code of the Russian Federation art. 112 (holidays); 2026: the Government's
//   resolution on the transfer of days off in 2026 (3 Jan → Fri 9 Jan, 4 Jan → Thu 31 Dec) and
//   art. 112 part 2 (8 Mar → Mon 9 Mar, 9 May → Mon 11 May); 2027: art. 112 part 2 only, marked
//   expected until the Government's resolution for 2027 is entered. 2025 is shipped as it was.
// - EU: no public holidays by default. GDPR Article 12(3) counts months, and the controller's own
//   calendar decides whether a last day moves; add the member state's holidays to `EU` if wanted.

extension WorkingCalendar {
    /// Years for which holiday tables are shipped.
    public static let shippedYears = 2025...2027

    private static func day(_ iso: String) -> LocalDate {
        // The literals below are valid dates; a typo would show up as 1970-01-01 in the tests.
        LocalDate(iso: iso) ?? LocalDate(daysSinceEpoch: 0)
    }

    private static func fixed(_ rows: [(month: Int, day: Int, name: String)]) -> [CalendarEntry] {
        shippedYears.flatMap { year in
            rows.compactMap { row in LocalDate(year: year, month: row.month, day: row.day).map { CalendarEntry($0, row.name) } }
        }
    }

    // MARK: Uzbekistan

    private static let uzbekFixed = fixed([
        (1, 1, "Yangi yil bayrami"),
        (3, 8, "Xalqaro xotin-qizlar kuni"),
        (3, 21, "Navroʻz bayrami"),
        (5, 9, "Xotira va qadrlash kuni"),
        (9, 1, "Mustaqillik kuni"),
        (10, 1, "Oʻqituvchi va murabbiylar kuni"),
        (12, 8, "Oʻzbekiston Respublikasi Konstitutsiyasi kuni"),
    ])

    private static let uzbekMovable: [CalendarEntry] = [
        CalendarEntry(day("2025-03-30"), "Ramazon hayiti"),
        CalendarEntry(day("2025-06-06"), "Qurbon hayiti"),
        CalendarEntry(day("2026-03-20"), "Ramazon hayiti"),
        CalendarEntry(day("2026-05-27"), "Qurbon hayiti"),
        CalendarEntry(day("2027-03-10"), "Ramazon hayiti", expected: true),
        CalendarEntry(day("2027-05-16"), "Qurbon hayiti", expected: true),
    ]

    /// The Uzbek name of the day off a holiday on a rest day gives.
    static func uzbekTransferName(_ holiday: CalendarEntry) -> String { "\(holiday.name) oʻrniga dam olish kuni" }

    /// 2026 per the decree of 24 December 2025 (see the header).
    private static let uzbek2026: [CalendarEntry] = [
        CalendarEntry(day("2026-01-02"), "Qoʻshimcha dam olish kuni"),
        CalendarEntry(day("2026-01-03"), "Qoʻshimcha dam olish kuni", week: .six),
        CalendarEntry(day("2026-03-09"), "Xalqaro xotin-qizlar kuni oʻrniga dam olish kuni", week: .five),
        CalendarEntry(day("2026-03-23"), "Navroʻz bayrami oʻrniga dam olish kuni", week: .five),
        CalendarEntry(day("2026-05-11"), "Xotira va qadrlash kuni oʻrniga dam olish kuni", week: .five),
        CalendarEntry(day("2026-05-28"), "Qoʻshimcha dam olish kuni"),
        CalendarEntry(day("2026-05-29"), "Qoʻshimcha dam olish kuni"),
        CalendarEntry(day("2026-05-30"), "Qoʻshimcha dam olish kuni", week: .six),
        CalendarEntry(day("2026-08-31"), "Qoʻshimcha dam olish kuni"),
        CalendarEntry(day("2026-12-12"), "Ish kuni (dam olish kuni 31-dekabrga koʻchirilgan)", kind: .workingDay, week: .five),
        CalendarEntry(day("2026-12-31"), "Qoʻshimcha dam olish kuni"),
    ]

    /// Every shipped Uzbek entry, for both week patterns.
    static let uzbekEntries: [CalendarEntry] = {
        let holidays = uzbekFixed + uzbekMovable
        let generated = HolidayTransfer.transfers(of: holidays, weeks: [.satSun, .sun], name: uzbekTransferName)
            .filter { $0.day.year != 2026 }  // 2026: the decree decides (below)
            .map { CalendarEntry($0.day, $0.name, week: $0.week, expected: $0.expected || $0.day.year >= 2027) }
        let decree2025 = [
            CalendarEntry(day("2025-01-02"), "Qoʻshimcha dam olish kuni"),
            CalendarEntry(day("2025-12-31"), "Qoʻshimcha dam olish kuni"),
        ]
        return sorted(holidays + generated + decree2025 + uzbek2026)
    }()

    // MARK: Russia

    private static let russianFixed = fixed([
        (1, 1, "Новогодние каникулы"), (1, 2, "Новогодние каникулы"), (1, 3, "Новогодние каникулы"),
        (1, 4, "Новогодние каникулы"), (1, 5, "Новогодние каникулы"), (1, 6, "Новогодние каникулы"),
        (1, 7, "Рождество Христово"), (1, 8, "Новогодние каникулы"),
        (2, 23, "День защитника Отечества"), (3, 8, "Международный женский день"),
        (5, 1, "Праздник Весны и Труда"), (5, 9, "День Победы"), (6, 12, "День России"),
        (11, 4, "День народного единства"),
    ])

    private static let russianMonths = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                                        "августа", "сентября", "октября", "ноября", "декабря"]

    /// The Russian name of a transferred day off.
    static func russianTransferName(_ holiday: CalendarEntry) -> String {
        "Выходной день (перенесён с \(holiday.day.day) \(russianMonths[holiday.day.month - 1]))"
    }

    static let russianEntries: [CalendarEntry] = {
        // Art. 112 part 2 moves the holidays of 2026 and 2027 that fall on a weekend, except 1–8 January.
        let moved = HolidayTransfer.transfers(
            of: russianFixed.filter { $0.day.year >= 2026 }, weeks: [.satSun], exempt: { $0.day.month == 1 },
            name: russianTransferName
        ).map { CalendarEntry($0.day, $0.name, week: .both, expected: $0.day.year >= 2027) }
        let resolution2026 = [
            CalendarEntry(day("2026-01-09"), "Выходной день (перенесён с 3 января)"),
            CalendarEntry(day("2026-12-31"), "Выходной день (перенесён с 4 января)"),
        ]
        return sorted(russianFixed + moved + resolution2026)
    }()

    private static func sorted(_ entries: [CalendarEntry]) -> [CalendarEntry] {
        entries.sorted { ($0.day, $0.week.rawValue) < ($1.day, $1.week.rawValue) }
    }

    // MARK: Calendars

    /// The entries each shipped calendar code stores (`UZ-6` reads those of `UZ`).
    public static let shippedEntries: [String: [CalendarEntry]] = ["UZ": uzbekEntries, "RU": russianEntries, "EU": []]

    /// Uzbekistan, five-day week.
    public static let uz = WorkingCalendar(name: "UZ", weekend: .satSun, entries: uzbekEntries)

    /// Uzbekistan, six-day week (Sunday off).
    public static let uz6 = WorkingCalendar(name: "UZ-6", weekend: .sun, entries: uzbekEntries)

    /// Russia, five-day week.
    public static let ru = WorkingCalendar(name: "RU", weekend: .satSun, entries: russianEntries)

    /// GDPR policies: Saturday and Sunday off and no public holidays (they differ per member state).
    public static let eu = WorkingCalendar(name: "EU", weekend: .satSun, holidays: [:])

    /// The calendars shipped with the desk.
    public static let defaults: [WorkingCalendar] = [uz, uz6, ru, eu]

    /// The shipped calendar with this name, if any.
    public static func named(_ name: String) -> WorkingCalendar? {
        defaults.first { $0.name == name }
    }
}
