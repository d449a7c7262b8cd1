/// A jurisdiction's working-day calendar: a weekend pattern, days off (public holidays and
/// transferred days off) and extra working days (rest days worked in exchange for a day off).
public struct WorkingCalendar: Sendable, Hashable {
    /// Name the policy refers to, e.g. `UZ`.
    public let name: String
    public let weekend: WeekendPattern
    /// Public holidays and transferred days off, with their names.
    public let holidays: [LocalDate: String]
    /// Rest days of `weekend` that are worked (e.g. Saturday 12 Dec 2026 on the Uzbek five-day week).
    public let workingDays: [LocalDate: String]

    /// Creates a calendar.
    public init(name: String, weekend: WeekendPattern, holidays: [LocalDate: String] = [:], workingDays: [LocalDate: String] = [:]) {
        self.name = name
        self.weekend = weekend
        self.holidays = holidays
        self.workingDays = workingDays
    }

    /// A calendar from dated entries; entries for another week pattern are left out.
    public init(name: String, weekend: WeekendPattern, entries: [CalendarEntry]) {
        var holidays: [LocalDate: String] = [:]
        var workingDays: [LocalDate: String] = [:]
        for entry in entries where entry.week.applies(to: weekend) {
            switch entry.kind {
            case .dayOff: holidays[entry.day] = entry.name
            case .workingDay: workingDays[entry.day] = entry.name
            }
        }
        self.init(name: name, weekend: weekend, holidays: holidays, workingDays: workingDays)
    }

    /// Whether `date` is a working day: an extra working day, or neither a rest day nor a day off.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if workingDays[date] != nil { return true }
        return !weekend.weekendDays.contains(date.weekday) && holidays[date] == nil
    }

    /// `date` itself when it is a working day, otherwise the first working day after it.
    public func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The `count`-th working day after `date` (before it when negative); `date` itself for 0.
    ///
    /// `date` itself never counts: one working day after a Friday is the next Monday.
    public func addingWorkingDays(_ count: Int, to date: LocalDate) -> LocalDate {
        let step = count < 0 ? -1 : 1
        var remaining = abs(count)
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Signed number of working days from `start` to `end`: "working days left" until a due date.
    ///
    /// Counts working days in the half-open range (`start`, `end`]: 0 when `end` equals `start`,
    /// 1 when `end` is the next working day. When `end` is before `start` the result is minus the
    /// working days in (`end`, `start`], i.e. how many working days the due date is overdue.
    public func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        let (low, high, sign) = start <= end ? (start, end, 1) : (end, start, -1)
        var count = 0
        var day = low.adding(days: 1)
        while day <= high {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return sign * count
    }
}
