/// The labour-law rule that a public holiday falling on a rest day gives a day off on the next
/// working day, applied when a year's calendar is generated before (or without) its decree.
///
/// - Uzbekistan: the Labour Code of the Republic of Uzbekistan (in force 30 April 2023) moves the
///   rest day that coincides with a holiday to the working day after the holiday, unless the
///   yearly presidential decree on days off says otherwise (issue 14 item 2).
/// - Russia: Labour Code of the Russian Federation art. 112 part 2 — the same rule, except for the
///   New Year holidays (1–8 January), two of which the Government transfers by resolution.
public enum HolidayTransfer {
    /// The transferred days off for `holidays` on each week pattern in `weeks`; a transfer that
    /// falls on the same day for both weeks is returned once, for `.both`.
    ///
    /// - Parameters:
    ///   - holidays: the public holidays (days off) the rule applies to.
    ///   - exempt: holidays the rule does not move (Russia's New Year holidays).
    ///   - name: the name of the transferred day off of a holiday.
    public static func transfers(
        of holidays: [CalendarEntry], weeks: [WeekendPattern], exempt: (CalendarEntry) -> Bool = { _ in false },
        name: (CalendarEntry) -> String
    ) -> [CalendarEntry] {
        var perWeek: [WeekendPattern: [CalendarEntry]] = [:]
        for weekend in weeks {
            let applicable = holidays.filter { $0.kind == .dayOff && $0.week.applies(to: weekend) }.sorted { $0.day < $1.day }
            var off = Set(applicable.map(\.day))
            var moved: [CalendarEntry] = []
            for holiday in applicable where weekend.weekendDays.contains(holiday.day.weekday) && !exempt(holiday) {
                var day = holiday.day.adding(days: 1)
                while weekend.weekendDays.contains(day.weekday) || off.contains(day) { day = day.adding(days: 1) }
                off.insert(day)
                moved.append(CalendarEntry(day, name(holiday), week: CalendarEntry.Week.of(weekend), expected: holiday.expected))
            }
            perWeek[weekend] = moved
        }
        let five = perWeek[.satSun] ?? []
        let six = perWeek[.sun] ?? []
        var result: [CalendarEntry] = []
        for entry in five {
            if six.contains(where: { $0.day == entry.day && $0.name == entry.name }) {
                result.append(CalendarEntry(entry.day, entry.name, week: .both, expected: entry.expected))
            } else {
                result.append(entry)
            }
        }
        for entry in six where !five.contains(where: { $0.day == entry.day && $0.name == entry.name }) {
            result.append(entry)
        }
        return result.sorted { ($0.day, $0.week.rawValue) < ($1.day, $1.week.rawValue) }
    }
}
