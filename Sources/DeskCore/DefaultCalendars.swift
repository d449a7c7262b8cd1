// The working-day calendars shipped with the desk (SPEC §4).
//
// This file is data: keep it identical to the calendar seed in `SQL/` — a test compares them.
// Movable Uzbek holidays follow the lunar calendar and are fixed each year by presidential decree:
// 2025 are the announced dates, 2026 and 2027 the astronomically expected ones. Transferred days off
// (e.g. the extra day after a holiday on a Sunday) are decreed yearly and are not shipped; enter and
// correct both with `dsar calendar add/remove`. Russian transfers of holidays that fall on
// a weekend are decided yearly by the government and are not included.

extension WorkingCalendar {
    /// A fixed holiday: month, day and name, repeated every year of `shippedYears`.
    private struct FixedHoliday {
        let month: Int
        let day: Int
        let name: String
    }

    /// Years for which holiday tables are shipped.
    public static let shippedYears = 2025...2027

    private static let uzbekFixed: [FixedHoliday] = [
        FixedHoliday(month: 1, day: 1, name: "Yangi yil"),
        FixedHoliday(month: 3, day: 8, name: "Xalqaro xotin-qizlar kuni"),
        FixedHoliday(month: 3, day: 21, name: "Navroʻz bayrami"),
        FixedHoliday(month: 5, day: 9, name: "Xotira va qadrlash kuni"),
        FixedHoliday(month: 9, day: 1, name: "Mustaqillik kuni"),
        FixedHoliday(month: 10, day: 1, name: "Oʻqituvchi va murabbiylar kuni"),
        FixedHoliday(month: 12, day: 8, name: "Konstitutsiya kuni"),
    ]

    /// Ramazon hayiti (Eid al-Fitr) and Qurbon hayiti (Eid al-Adha), as ISO dates.
    private static let uzbekMovable: [(iso: String, name: String)] = [
        ("2025-03-30", "Ramazon hayiti"),
        ("2025-06-06", "Qurbon hayiti"),
        ("2026-03-20", "Ramazon hayiti"),
        ("2026-05-27", "Qurbon hayiti"),
        ("2027-03-10", "Ramazon hayiti"),
        ("2027-05-16", "Qurbon hayiti"),
    ]

    private static let russianFixed: [FixedHoliday] = [
        FixedHoliday(month: 1, day: 1, name: "Новогодние каникулы"),
        FixedHoliday(month: 1, day: 2, name: "Новогодние каникулы"),
        FixedHoliday(month: 1, day: 3, name: "Новогодние каникулы"),
        FixedHoliday(month: 1, day: 4, name: "Новогодние каникулы"),
        FixedHoliday(month: 1, day: 5, name: "Новогодние каникулы"),
        FixedHoliday(month: 1, day: 6, name: "Новогодние каникулы"),
        FixedHoliday(month: 1, day: 7, name: "Рождество Христово"),
        FixedHoliday(month: 1, day: 8, name: "Новогодние каникулы"),
        FixedHoliday(month: 2, day: 23, name: "День защитника Отечества"),
        FixedHoliday(month: 3, day: 8, name: "Международный женский день"),
        FixedHoliday(month: 5, day: 1, name: "Праздник Весны и Труда"),
        FixedHoliday(month: 5, day: 9, name: "День Победы"),
        FixedHoliday(month: 6, day: 12, name: "День России"),
        FixedHoliday(month: 11, day: 4, name: "День народного единства"),
    ]

    private static func table(fixed: [FixedHoliday], movable: [(iso: String, name: String)] = []) -> [LocalDate: String] {
        var holidays: [LocalDate: String] = [:]
        for year in shippedYears {
            for holiday in fixed {
                if let date = LocalDate(year: year, month: holiday.month, day: holiday.day) {
                    holidays[date] = holiday.name
                }
            }
        }
        for holiday in movable {
            if let date = LocalDate(iso: holiday.iso) { holidays[date] = holiday.name }
        }
        return holidays
    }

    /// Uzbekistan: Saturday and Sunday off, fixed and movable holidays 2025–2027.
    public static let uz = WorkingCalendar(name: "UZ", weekend: .satSun, holidays: table(fixed: uzbekFixed, movable: uzbekMovable))

    /// Russia: Saturday and Sunday off, fixed holidays 2025–2027.
    public static let ru = WorkingCalendar(name: "RU", weekend: .satSun, holidays: table(fixed: russianFixed))

    /// GDPR policies: Saturday and Sunday off and no public holidays (they differ per member state).
    public static let eu = WorkingCalendar(name: "EU", weekend: .satSun, holidays: [:])

    /// The calendars shipped with the desk.
    public static let defaults: [WorkingCalendar] = [uz, ru, eu]

    /// The shipped calendar with this name, if any.
    public static func named(_ name: String) -> WorkingCalendar? {
        defaults.first { $0.name == name }
    }
}
