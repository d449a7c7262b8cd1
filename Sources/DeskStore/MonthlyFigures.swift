public import DeskCore
import Foundation

/// The figures of one month's compliance report as read from the database (SPEC §7).
///
/// Plain values keyed by domain types; `DeskStore` does not know how a report is laid out.
/// The command line maps these into `Reports.MonthlyReport`, which fixes order and shape.
public struct MonthlyFigures: Sendable, Equatable {
    /// The month's first day, in `timeZone`.
    public var month: LocalDate
    /// IANA time zone the month boundaries were computed in.
    public var timeZone: String
    /// Policy filter; nil for every policy.
    public var policy: String?

    public var receivedByRight: [Right: Int] = [:]
    public var receivedByChannel: [Channel: Int] = [:]
    public var receivedByLanguage: [Language: Int] = [:]
    public var receivedByPolicy: [String: Int] = [:]

    public var closedByOutcome: [RequestState: Int] = [:]
    /// Per right: closed in the month, of which on or before the due date in force.
    public var onTimeByRight: [Right: OnTimeCount] = [:]
    public var late: [LateClosure] = []
    /// Local calendar days from receipt to closure of the requests closed in the month.
    public var timeToClose = DayStatistics(count: 0, median: nil, p90: nil)
    public var timeToCloseByRight: [Right: DayStatistics] = [:]

    public var extensions: [ExtensionGranted] = []
    /// Clock pauses that ended in the month, and their whole local days.
    public var pausesEnded = 0
    public var pausedDays = 0
    /// Refused requests closed in the month, by ground (key `unknown` when none was stored).
    public var refusalsByGround: [String: Int] = [:]
    public var identityFailures = 0
    public var erasures: [ErasureRecorded] = []
    public var recipientNotifications: [RecipientNotified] = []

    /// Requests open at month end, by whole days since receipt (at the month's last day).
    public var openByDaysSinceReceipt: [Int: Int] = [:]
    public var overdue: [OverdueAtMonthEnd] = []
    /// The 12 months ending with `month`, oldest first.
    public var trend: [MonthTrend] = []

    public init(month: LocalDate, timeZone: String, policy: String?) {
        self.month = month
        self.timeZone = timeZone
        self.policy = policy
    }

    public struct OnTimeCount: Sendable, Equatable {
        public var closed: Int
        public var onTime: Int
    }

    public struct DayStatistics: Sendable, Equatable {
        public var count: Int
        /// `percentile_cont(0.5)`; nil when `count` is 0.
        public var median: Double?
        /// `percentile_cont(0.9)`; nil when `count` is 0.
        public var p90: Double?
    }

    public struct LateClosure: Sendable, Equatable {
        public var reference: String
        public var right: Right
        public var due: LocalDate
        public var closedOn: LocalDate
        public var daysLate: Int
    }

    public struct ExtensionGranted: Sendable, Equatable {
        public var reference: String
        public var right: Right
        /// As entered: `10d`, `5wd`, `1m`.
        public var period: String
        public var reason: String
    }

    public struct ErasureRecorded: Sendable, Equatable {
        public var reference: String
        public var system: String
        public var categories: [String]
    }

    public struct RecipientNotified: Sendable, Equatable {
        public var reference: String
        public var recipient: String
        public var on: LocalDate
    }

    public struct OverdueAtMonthEnd: Sendable, Equatable {
        public var reference: String
        public var right: Right
        public var due: LocalDate
        public var daysOverdue: Int
        public var assignee: String?
    }

    public struct MonthTrend: Sendable, Equatable {
        /// First day of the month.
        public var month: LocalDate
        public var received: Int
        public var closed: Int
        public var onTime: Int
    }
}
