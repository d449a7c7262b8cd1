import Foundation

/// What the deadline engine needs to know about one request.
public struct DeadlineContext: Sendable, Hashable {
    public let receivedAt: Date
    public let rule: DeadlineRule
    public let timeZone: TimeZone
    public let calendar: WorkingCalendar
    /// Whole days the clock was paused so far (see `DeadlineEngine.pausedDays`): every wait on the
    /// requester, and waits on proof of identity only when `rule.identityPausesClock`.
    public let pausedDays: Int

    /// Creates a context.
    public init(receivedAt: Date, rule: DeadlineRule, timeZone: TimeZone, calendar: WorkingCalendar, pausedDays: Int = 0) {
        self.receivedAt = receivedAt
        self.rule = rule
        self.timeZone = timeZone
        self.calendar = calendar
        self.pausedDays = pausedDays
    }

    /// The due date with an optional extension.
    public func dueDate(extension: Period?) -> LocalDate {
        DeadlineEngine.dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: calendar,
                               pausedDays: pausedDays, extension: `extension`)
    }
}
