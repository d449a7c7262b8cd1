public import DeskCore

/// What `dsar queue` and `dsar claim` narrow the open requests to (SPEC §8).
public struct QueueFilter: Sendable, Hashable {
    /// Whose requests to list.
    public enum Assignee: Sendable, Hashable {
        case anyone
        case person(String)
        case nobody
    }

    public var state: RequestState?
    public var kind: Right?
    public var assignee: Assignee
    public var policy: String?
    /// Only requests whose due date has passed.
    public var overdueOnly: Bool
    /// Only requests due within this many working days (overdue ones included).
    public var dueWithinWorkingDays: Int?
    public var limit: Int

    public init(
        state: RequestState? = nil, kind: Right? = nil, assignee: Assignee = .anyone, policy: String? = nil,
        overdueOnly: Bool = false, dueWithinWorkingDays: Int? = nil, limit: Int = 50
    ) {
        self.state = state
        self.kind = kind
        self.assignee = assignee
        self.policy = policy
        self.overdueOnly = overdueOnly
        self.dueWithinWorkingDays = dueWithinWorkingDays
        self.limit = limit
    }
}

/// "Today" under one policy: its local date and the calendar its working days are counted on.
public struct PolicyDay: Sendable, Hashable {
    public let policy: String
    public let today: LocalDate
    public let calendar: WorkingCalendar

    public init(policy: String, today: LocalDate, calendar: WorkingCalendar) {
        self.policy = policy
        self.today = today
        self.calendar = calendar
    }

    /// The last date that is at most `count` working days away: the day before the
    /// `count + 1`-th working day, so a due date on a weekend after the `count`-th working day
    /// still counts as "within".
    public func lastDate(withinWorkingDays count: Int) -> LocalDate {
        calendar.addingWorkingDays(max(count, 0) + 1, to: today).adding(days: -1)
    }

    /// Working days left until `due`, negative when overdue.
    public func workingDaysLeft(until due: LocalDate) -> Int {
        calendar.workingDays(from: today, to: due)
    }
}
