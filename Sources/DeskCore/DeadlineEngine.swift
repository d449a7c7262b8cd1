public import Foundation

/// Computes due dates from a receipt instant and a deadline rule (SPEC §4).
public enum DeadlineEngine {
    /// The date by which the desk must answer.
    ///
    /// 1. The receipt instant becomes a local date in `timeZone`.
    /// 2. Counting starts the next day (or the same day, per the rule): with `n` calendar days the
    ///    due date is receipt + n; with `n` working days it is the n-th working day after receipt;
    ///    with `n` months it is the same day n months later, or that month's last day.
    ///    With a same-day start the receipt day is day 1, so each is one day (one working day) earlier.
    /// 3. An extension is counted after the base period: in the same unit it is added to the period,
    ///    in another unit it is counted from the base due date.
    /// 4. Whole paused days are added — unless the rule's clock restarts when the requester supplies
    ///    the information (`informationAt`, 152-FZ art. 20(3)): then the term counts from that day.
    /// 5. A due date on a weekend or holiday moves to the next working day.
    public static func dueDate(
        receivedAt: Date,
        rule: DeadlineRule,
        timeZone: TimeZone,
        calendar: WorkingCalendar,
        pausedDays: Int = 0,
        extension: Period? = nil,
        informationAt: Date? = nil
    ) -> LocalDate {
        var received = LocalDate(receivedAt, in: timeZone)
        var pausedDays = pausedDays
        switch rule.clarificationClock {
        case .restarts:
            if let informationAt {
                received = max(received, LocalDate(informationAt, in: timeZone))
                pausedDays = 0
            }
        case .runs:
            // No wait stops this clock (152-FZ); pauses recorded before the rule said so do not count.
            if !rule.identityPausesClock { pausedDays = 0 }
        case .pauses:
            break
        }
        var due: LocalDate
        if let ext = `extension`, ext.unit == rule.period.unit {
            due = count(Period(rule.period.count + ext.count, ext.unit), from: received, start: rule.countingStart, calendar: calendar)
        } else {
            due = count(rule.period, from: received, start: rule.countingStart, calendar: calendar)
            if let ext = `extension` {
                due = count(ext, from: due, start: .nextDay, calendar: calendar)
            }
        }
        due = due.adding(days: max(0, pausedDays))
        return calendar.nextWorkingDay(onOrAfter: due)
    }

    /// The due date of a request of `right` under `policy`, resolving the rule and the time zone.
    ///
    /// Throws `.invalidInput` when the policy has no rule for the right or names an unknown time zone.
    public static func dueDate(
        for right: Right,
        receivedAt: Date,
        policy: DeadlinePolicy,
        calendar: WorkingCalendar,
        pausedDays: Int = 0,
        extension: Period? = nil,
        consentWithdrawal: Bool = false
    ) throws(DeskCoreError) -> LocalDate {
        guard let rule = policy.rule(for: right, consentWithdrawal: consentWithdrawal) else {
            throw DeskCoreError(.noDeadlineRule(policy: policy.code, right: right))
        }
        guard let timeZone = policy.timeZone else {
            throw DeskCoreError(.unknownTimeZone(policy: policy.code, zone: policy.timeZoneIdentifier))
        }
        return dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: calendar,
                       pausedDays: pausedDays, extension: `extension`)
    }

    /// The end of `period` counted from `date`, before any move to a working day.
    static func count(_ period: Period, from date: LocalDate, start: CountingStart, calendar: WorkingCalendar) -> LocalDate {
        let sameDayShift = start == .sameDay ? 1 : 0
        switch period.unit {
        case .calendarDays:
            return date.adding(days: period.count - sameDayShift)
        case .workingDays:
            return calendar.addingWorkingDays(period.count, to: date.adding(days: -sameDayShift))
        case .months:
            return date.adding(months: period.count).adding(days: -sameDayShift)
        }
    }

    /// Whole local days the clock stood still: for each pause, the days between the local date it
    /// started and the local date it ended (`now` for a pause still running).
    ///
    /// A pause started and ended on the same day counts 0; clarify on the 4th and resume on the 9th counts 5.
    public static func pausedDays(pauses: [(from: Date, to: Date?)], now: Date, timeZone: TimeZone) -> Int {
        var total = 0
        for pause in pauses {
            let start = LocalDate(pause.from, in: timeZone)
            let end = LocalDate(pause.to ?? now, in: timeZone)
            total += max(0, end.daysSince(start))
        }
        return total
    }

    /// Checks a requested extension and returns the new due date.
    ///
    /// `alreadyGranted` is an extension granted earlier; the requested one adds to it and the total
    /// is capped. Refused (`.refusedByRule`) when the rule allows no extension, when the total would
    /// end after the due date that the rule's maximum extension gives, when an earlier extension was
    /// in another unit, or when `today` is after the current due date (an extension must be
    /// announced before the deadline).
    public static func extendedDueDate(
        requested: Period,
        alreadyGranted: Period? = nil,
        receivedAt: Date,
        rule: DeadlineRule,
        timeZone: TimeZone,
        calendar: WorkingCalendar,
        pausedDays: Int = 0,
        informationAt: Date? = nil,
        today: LocalDate
    ) throws(DeskCoreError) -> LocalDate {
        guard let cap = rule.maxExtension else {
            throw DeskCoreError(.notExtendable(right: rule.right, source: rule.source))
        }
        let current = dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: calendar,
                              pausedDays: pausedDays, extension: alreadyGranted, informationAt: informationAt)
        guard today <= current else {
            throw DeskCoreError(.extensionAfterDueDate(current))
        }
        var total = requested
        if let granted = alreadyGranted {
            guard granted.unit == requested.unit else {
                throw DeskCoreError(.extensionUnitDiffers(granted: granted))
            }
            total = Period(granted.count + requested.count, requested.unit)
        }
        let wanted = dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: calendar,
                             pausedDays: pausedDays, extension: total, informationAt: informationAt)
        let limit = dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: calendar,
                            pausedDays: pausedDays, extension: cap, informationAt: informationAt)
        guard wanted <= limit else {
            throw DeskCoreError(.extensionBeyondCap(total: total, endsOn: wanted, cap: cap, limit: limit, source: rule.source))
        }
        return wanted
    }
}
