public import Foundation

/// What the deadline engine needs to know about one request.
public struct DeadlineContext: Sendable, Hashable {
    public let receivedAt: Date
    public let rule: DeadlineRule
    public let timeZone: TimeZone
    public let calendar: WorkingCalendar
    /// Whole days the clock was paused so far (see `DeadlineEngine.pausedDays`): every wait on the
    /// requester, and waits on proof of identity only when `rule.identityPausesClock`.
    public let pausedDays: Int
    /// When the requester last supplied information asked for (the end of the last wait on them):
    /// the start of the term when the rule's clock restarts (`ClarificationClock.restarts`).
    public let informationAt: Date?

    /// Creates a context.
    public init(receivedAt: Date, rule: DeadlineRule, timeZone: TimeZone, calendar: WorkingCalendar, pausedDays: Int = 0,
                informationAt: Date? = nil) {
        self.receivedAt = receivedAt
        self.rule = rule
        self.timeZone = timeZone
        self.calendar = calendar
        self.pausedDays = pausedDays
        self.informationAt = informationAt
    }

    /// The due date with an optional extension.
    public func dueDate(extension: Period?) -> LocalDate {
        DeadlineEngine.dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: calendar,
                               pausedDays: pausedDays, extension: `extension`, informationAt: informationAt)
    }
}
