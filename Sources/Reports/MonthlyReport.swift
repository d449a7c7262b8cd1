public import DeskCore
public import Foundation

/// Every figure of the monthly compliance report for one month (SPEC §7).
///
/// The figures are computed elsewhere (SQL in `DeskStore`) and handed over as values;
/// this type only holds them, and the renderers only format them. Every renderer
/// shows the same figures whatever the language.
///
/// JSON field names are a contract for scripts (`dsar report monthly --format json`):
///
/// | field | type | meaning |
/// |---|---|---|
/// | `month` | string `YYYY-MM` | the reported month |
/// | `time_zone` | string | IANA zone the month boundaries were computed in, e.g. `Asia/Tashkent` |
/// | `policy` | string or null | policy filter; null = all policies |
/// | `generated_at` | string, ISO 8601 | when the report was produced |
/// | `received.total` | int | requests received in the month |
/// | `received.by_right` | [{`key`,`count`}] | rights in SPEC order, every right present |
/// | `received.by_channel` | [{`key`,`count`}] | `email, web_form, paper, phone, in_person`, every one present |
/// | `received.by_language` | [{`key`,`count`}] | `uz, uz-Cyrl, ru, en`, every one present |
/// | `received.by_policy` | [{`key`,`count`}] | policies seen, sorted by key |
/// | `closed.total` | int | requests closed in the month |
/// | `closed.by_outcome` | [{`key`,`count`}] | `fulfilled, partially_fulfilled, refused, withdrawn, lifted` |
/// | `closed.by_right` | [{`key`,`count`}] | rights in SPEC order |
/// | `on_time.overall` | {`closed`,`on_time`,`rate`} | closed in the month, of which on or before due; `rate` in 0…1, null when `closed` = 0 |
/// | `on_time.by_right` | [{`right`,`closed`,`on_time`,`rate`}] | same, per right in SPEC order |
/// | `on_time.late` | [{`reference`,`right`,`due`,`closed_on`,`days_late`}] | requests closed after their due date |
/// | `time_to_close.overall` | {`count`,`median`,`p90`} | calendar days from receipt to closure; `median`/`p90` null when `count` = 0 |
/// | `time_to_close.by_right` | [{`right`,`count`,`median`,`p90`}] | same, per right |
/// | `extensions` | [{`reference`,`right`,`by`,`reason`}] | extensions granted in the month; `by` as entered (`1m`, `5wd`, `10d`) |
/// | `clock_pauses` | {`count`,`total_days`} | clock pauses that ended in the month |
/// | `refusals_by_ground` | [{`key`,`count`}] | SPEC grounds first in SPEC order, then policy grounds by key |
/// | `identity_verification_failures` | int | `identity failed` events in the month |
/// | `erasures` | [{`reference`,`system`,`categories`}] | erasure-journal entries performed in the month; `categories` is [string] |
/// | `recipient_notifications.count` | int | notifications to recipients sent in the month |
/// | `recipient_notifications.items` | [{`reference`,`recipient`,`sent_on`}] | the notifications |
/// | `backlog.open` | int | requests open at the end of the month |
/// | `backlog.aging` | [{`key`,`count`}] | days since receipt: `0-5`, `6-10`, `11-30`, `>30` |
/// | `backlog.overdue` | [{`reference`,`right`,`due`,`days_overdue`,`assignee`}] | open and past due at month end; `assignee` null when unassigned |
/// | `trend` | [{`month`,`received`,`closed`,`on_time_rate`}] | the 12 months ending with `month`, oldest first |
///
/// Dates are strings `YYYY-MM-DD` in `time_zone`; `generated_at` is ISO 8601 with offset.
public struct MonthlyReport: Codable, Sendable, Equatable {
    /// The reported month, `YYYY-MM`.
    public var month: String
    /// IANA time zone the month boundaries were computed in.
    public var timeZone: String
    /// Policy filter (`uz`, `gdpr` …); nil when the report covers every policy.
    public var policy: String?
    /// When the report was produced.
    public var generatedAt: Date
    public var received: Received
    public var closed: Closed
    public var onTime: OnTime
    public var timeToClose: TimeToClose
    public var extensions: [ExtensionGranted]
    public var clockPauses: ClockPauses
    public var refusalsByGround: [KeyCount]
    public var identityVerificationFailures: Int
    public var erasures: [ErasureEntry]
    public var recipientNotifications: RecipientNotifications
    public var backlog: Backlog
    public var trend: [TrendPoint]

    enum CodingKeys: String, CodingKey {
        case month
        case timeZone = "time_zone"
        case policy
        case generatedAt = "generated_at"
        case received, closed
        case onTime = "on_time"
        case timeToClose = "time_to_close"
        case extensions
        case clockPauses = "clock_pauses"
        case refusalsByGround = "refusals_by_ground"
        case identityVerificationFailures = "identity_verification_failures"
        case erasures
        case recipientNotifications = "recipient_notifications"
        case backlog, trend
    }

    public init(
        month: String,
        timeZone: String = "Asia/Tashkent",
        policy: String? = nil,
        generatedAt: Date,
        received: Received,
        closed: Closed,
        onTime: OnTime,
        timeToClose: TimeToClose,
        extensions: [ExtensionGranted],
        clockPauses: ClockPauses,
        refusalsByGround: [KeyCount],
        identityVerificationFailures: Int,
        erasures: [ErasureEntry],
        recipientNotifications: RecipientNotifications,
        backlog: Backlog,
        trend: [TrendPoint]
    ) {
        self.month = month
        self.timeZone = timeZone
        self.policy = policy
        self.generatedAt = generatedAt
        self.received = received
        self.closed = closed
        self.onTime = onTime
        self.timeToClose = timeToClose
        self.extensions = extensions
        self.clockPauses = clockPauses
        self.refusalsByGround = refusalsByGround
        self.identityVerificationFailures = identityVerificationFailures
        self.erasures = erasures
        self.recipientNotifications = recipientNotifications
        self.backlog = backlog
        self.trend = trend
    }

    /// A report of zeros for a month with no requests: every list empty, every rate null,
    /// and a 12-month trend of zeros ending with `month`.
    ///
    /// Throws ``ReportError/invalidMonth`` when `month` is not `YYYY-MM`.
    public static func empty(
        month: String,
        timeZone: String = "Asia/Tashkent",
        policy: String? = nil,
        generatedAt: Date
    ) throws -> MonthlyReport {
        guard let reportMonth = ReportMonth(month) else { throw ReportError.invalidMonth(month) }
        return MonthlyReport(
            month: reportMonth.description,
            timeZone: timeZone,
            policy: policy,
            generatedAt: generatedAt,
            received: Received(),
            closed: Closed(),
            onTime: OnTime(),
            timeToClose: TimeToClose(),
            extensions: [],
            clockPauses: ClockPauses(count: 0, totalDays: 0),
            refusalsByGround: [],
            identityVerificationFailures: 0,
            erasures: [],
            recipientNotifications: RecipientNotifications(items: []),
            backlog: Backlog(),
            trend: reportMonth.trailingMonths(12).map {
                TrendPoint(month: $0.description, received: 0, closed: 0, onTimeRate: nil)
            }
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(month, forKey: .month)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(policy, forKey: .policy)  // explicit null: "all policies"
        try c.encode(generatedAt, forKey: .generatedAt)
        try c.encode(received, forKey: .received)
        try c.encode(closed, forKey: .closed)
        try c.encode(onTime, forKey: .onTime)
        try c.encode(timeToClose, forKey: .timeToClose)
        try c.encode(extensions, forKey: .extensions)
        try c.encode(clockPauses, forKey: .clockPauses)
        try c.encode(refusalsByGround, forKey: .refusalsByGround)
        try c.encode(identityVerificationFailures, forKey: .identityVerificationFailures)
        try c.encode(erasures, forKey: .erasures)
        try c.encode(recipientNotifications, forKey: .recipientNotifications)
        try c.encode(backlog, forKey: .backlog)
        try c.encode(trend, forKey: .trend)
    }
}

// MARK: - Nested figures

extension MonthlyReport {
    /// One count under a stable key (a right, a channel, a ground, an aging bucket …).
    public struct KeyCount: Codable, Sendable, Equatable {
        public var key: String
        public var count: Int
        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }

        /// Counts for every key of `order`, in that order (zero when missing), then any
        /// other key of `counts` sorted by key — so a list always has the same shape.
        public static func ordered(_ counts: [String: Int], order: [String]) -> [KeyCount] {
            var result = order.map { KeyCount(key: $0, count: counts[$0] ?? 0) }
            for key in counts.keys.sorted() where !order.contains(key) {
                result.append(KeyCount(key: key, count: counts[key] ?? 0))
            }
            return result
        }
    }

    /// Requests received in the month.
    public struct Received: Codable, Sendable, Equatable {
        public var total: Int
        public var byRight: [KeyCount]
        public var byChannel: [KeyCount]
        public var byLanguage: [KeyCount]
        public var byPolicy: [KeyCount]

        enum CodingKeys: String, CodingKey {
            case total
            case byRight = "by_right"
            case byChannel = "by_channel"
            case byLanguage = "by_language"
            case byPolicy = "by_policy"
        }

        /// Builds the lists in their stable order from counts; `total` is the sum over rights.
        public init(
            byRight: [Right: Int] = [:],
            byChannel: [Channel: Int] = [:],
            byLanguage: [Language: Int] = [:],
            byPolicy: [String: Int] = [:]
        ) {
            self.byRight = Right.allCases.map { KeyCount(key: $0.rawValue, count: byRight[$0] ?? 0) }
            self.byChannel = Channel.allCases.map { KeyCount(key: $0.rawValue, count: byChannel[$0] ?? 0) }
            self.byLanguage = Language.allCases.map { KeyCount(key: $0.rawValue, count: byLanguage[$0] ?? 0) }
            self.byPolicy = KeyCount.ordered(byPolicy, order: [])
            self.total = byRight.values.reduce(0, +)
        }
    }

    /// Requests closed in the month.
    public struct Closed: Codable, Sendable, Equatable {
        public var total: Int
        public var byOutcome: [KeyCount]
        public var byRight: [KeyCount]

        enum CodingKeys: String, CodingKey {
            case total
            case byOutcome = "by_outcome"
            case byRight = "by_right"
        }

        /// The closing states of SPEC §3, in SPEC order.
        public static let outcomes: [RequestState] = RequestState.allCases.filter(\.isClosed)

        /// Builds the lists in their stable order; `total` is the sum over outcomes.
        public init(byOutcome: [RequestState: Int] = [:], byRight: [Right: Int] = [:]) {
            self.byOutcome = Self.outcomes.map { KeyCount(key: $0.rawValue, count: byOutcome[$0] ?? 0) }
            self.byRight = Right.allCases.map { KeyCount(key: $0.rawValue, count: byRight[$0] ?? 0) }
            self.total = byOutcome.values.reduce(0, +)
        }
    }

    /// Of the requests closed in the month, how many closed on or before their due date.
    public struct OnTimeFigure: Codable, Sendable, Equatable {
        public var closed: Int
        public var onTime: Int
        /// `onTime / closed` in 0…1; nil when nothing closed.
        public var rate: Double?

        enum CodingKeys: String, CodingKey {
            case closed
            case onTime = "on_time"
            case rate
        }

        public init(closed: Int, onTime: Int) {
            self.closed = closed
            self.onTime = onTime
            self.rate = Self.rate(closed: closed, onTime: onTime)
        }

        /// The on-time rate of SPEC §7: `onTime / closed` in 0…1, nil when nothing closed.
        public static func rate(closed: Int, onTime: Int) -> Double? {
            closed > 0 ? Double(onTime) / Double(closed) : nil
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(closed, forKey: .closed)
            try c.encode(onTime, forKey: .onTime)
            try c.encode(rate, forKey: .rate)
        }
    }

    /// The on-time figure of one right.
    public struct RightOnTime: Codable, Sendable, Equatable {
        public var right: Right
        public var closed: Int
        public var onTime: Int
        public var rate: Double?

        enum CodingKeys: String, CodingKey {
            case right, closed
            case onTime = "on_time"
            case rate
        }

        public init(right: Right, closed: Int, onTime: Int) {
            self.right = right
            self.closed = closed
            self.onTime = onTime
            self.rate = OnTimeFigure.rate(closed: closed, onTime: onTime)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(right, forKey: .right)
            try c.encode(closed, forKey: .closed)
            try c.encode(onTime, forKey: .onTime)
            try c.encode(rate, forKey: .rate)
        }
    }

    /// A request closed after its due date.
    public struct LateClosure: Codable, Sendable, Equatable {
        public var reference: String
        public var right: Right
        /// Due date in force when it closed (extended due if extended), `YYYY-MM-DD`.
        public var due: String
        public var closedOn: String
        public var daysLate: Int

        enum CodingKeys: String, CodingKey {
            case reference, right, due
            case closedOn = "closed_on"
            case daysLate = "days_late"
        }

        public init(reference: String, right: Right, due: String, closedOn: String, daysLate: Int) {
            self.reference = reference
            self.right = right
            self.due = due
            self.closedOn = closedOn
            self.daysLate = daysLate
        }
    }

    /// On-time figures: overall, per right (SPEC order), and the late ones.
    public struct OnTime: Codable, Sendable, Equatable {
        public var overall: OnTimeFigure
        public var byRight: [RightOnTime]
        public var late: [LateClosure]

        enum CodingKeys: String, CodingKey {
            case overall
            case byRight = "by_right"
            case late
        }

        /// `byRight` is completed with zero rows for rights not given and put in SPEC order;
        /// `overall` is the sum over rights.
        public init(byRight: [RightOnTime] = [], late: [LateClosure] = []) {
            self.byRight = Right.allCases.map { right in
                byRight.first { $0.right == right } ?? RightOnTime(right: right, closed: 0, onTime: 0)
            }
            self.overall = OnTimeFigure(
                closed: self.byRight.reduce(0) { $0 + $1.closed },
                onTime: self.byRight.reduce(0) { $0 + $1.onTime }
            )
            self.late = late
        }
    }

    /// Median and 90th percentile of a set of durations in days.
    public struct DaysStatistics: Codable, Sendable, Equatable {
        public var count: Int
        public var median: Double?
        public var p90: Double?

        public init(count: Int, median: Double?, p90: Double?) {
            self.count = count
            self.median = count > 0 ? median : nil
            self.p90 = count > 0 ? p90 : nil
        }

        /// Computes the figures the way PostgreSQL's `percentile_cont` does (linear
        /// interpolation), so values computed here and in SQL agree.
        public init(days: [Int]) {
            let sorted = days.sorted()
            self.init(
                count: sorted.count,
                median: Self.percentile(0.5, of: sorted),
                p90: Self.percentile(0.9, of: sorted)
            )
        }

        static func percentile(_ fraction: Double, of sorted: [Int]) -> Double? {
            guard !sorted.isEmpty else { return nil }
            let position = fraction * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            let weight = position - Double(lower)
            return Double(sorted[lower]) + (Double(sorted[upper]) - Double(sorted[lower])) * weight
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(count, forKey: .count)
            try c.encode(median, forKey: .median)
            try c.encode(p90, forKey: .p90)
        }

        enum CodingKeys: String, CodingKey { case count, median, p90 }
    }

    /// Time to close of one right.
    public struct RightDaysStatistics: Codable, Sendable, Equatable {
        public var right: Right
        public var count: Int
        public var median: Double?
        public var p90: Double?

        public init(right: Right, _ statistics: DaysStatistics) {
            self.right = right
            self.count = statistics.count
            self.median = statistics.median
            self.p90 = statistics.p90
        }

        public var statistics: DaysStatistics { DaysStatistics(count: count, median: median, p90: p90) }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(right, forKey: .right)
            try c.encode(count, forKey: .count)
            try c.encode(median, forKey: .median)
            try c.encode(p90, forKey: .p90)
        }

        enum CodingKeys: String, CodingKey { case right, count, median, p90 }
    }

    /// Calendar days from receipt to closure for requests closed in the month.
    public struct TimeToClose: Codable, Sendable, Equatable {
        public var overall: DaysStatistics
        public var byRight: [RightDaysStatistics]

        enum CodingKeys: String, CodingKey {
            case overall
            case byRight = "by_right"
        }

        /// `byRight` is completed with empty rows for missing rights, in SPEC order.
        public init(
            overall: DaysStatistics = DaysStatistics(count: 0, median: nil, p90: nil),
            byRight: [Right: DaysStatistics] = [:]
        ) {
            self.overall = overall
            self.byRight = Right.allCases.map {
                RightDaysStatistics(right: $0, byRight[$0] ?? DaysStatistics(count: 0, median: nil, p90: nil))
            }
        }
    }

    /// An extension granted in the month.
    public struct ExtensionGranted: Codable, Sendable, Equatable {
        public var reference: String
        public var right: Right
        /// The extension as entered: `10d`, `5wd`, `1m`.
        public var by: String
        public var reason: String

        public init(reference: String, right: Right, by: String, reason: String) {
            self.reference = reference
            self.right = right
            self.by = by
            self.reason = reason
        }
    }

    /// Clock pauses (identity or clarification) that ended in the month.
    public struct ClockPauses: Codable, Sendable, Equatable {
        public var count: Int
        public var totalDays: Int

        enum CodingKeys: String, CodingKey {
            case count
            case totalDays = "total_days"
        }

        public init(count: Int, totalDays: Int) {
            self.count = count
            self.totalDays = totalDays
        }
    }

    /// An erasure-journal entry performed in the month.
    public struct ErasureEntry: Codable, Sendable, Equatable {
        public var reference: String
        public var system: String
        public var categories: [String]

        public init(reference: String, system: String, categories: [String]) {
            self.reference = reference
            self.system = system
            self.categories = categories
        }
    }

    /// A notification sent to a recipient of the data (rectification, erasure, restriction).
    public struct RecipientNotification: Codable, Sendable, Equatable {
        public var reference: String
        /// The recipient organisation, never a private person's name.
        public var recipient: String
        public var sentOn: String

        enum CodingKeys: String, CodingKey {
            case reference, recipient
            case sentOn = "sent_on"
        }

        public init(reference: String, recipient: String, sentOn: String) {
            self.reference = reference
            self.recipient = recipient
            self.sentOn = sentOn
        }
    }

    /// Recipient notifications sent in the month; `count` is the number of items.
    public struct RecipientNotifications: Codable, Sendable, Equatable {
        public var count: Int
        public var items: [RecipientNotification]

        public init(items: [RecipientNotification]) {
            self.count = items.count
            self.items = items
        }
    }

    /// An open request past its due date at month end.
    public struct OverdueRequest: Codable, Sendable, Equatable {
        public var reference: String
        public var right: Right
        public var due: String
        public var daysOverdue: Int
        /// nil when unassigned.
        public var assignee: String?

        enum CodingKeys: String, CodingKey {
            case reference, right, due
            case daysOverdue = "days_overdue"
            case assignee
        }

        public init(reference: String, right: Right, due: String, daysOverdue: Int, assignee: String?) {
            self.reference = reference
            self.right = right
            self.due = due
            self.daysOverdue = daysOverdue
            self.assignee = assignee
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reference, forKey: .reference)
            try c.encode(right, forKey: .right)
            try c.encode(due, forKey: .due)
            try c.encode(daysOverdue, forKey: .daysOverdue)
            try c.encode(assignee, forKey: .assignee)
        }
    }

    /// Open requests at the end of the month.
    public struct Backlog: Codable, Sendable, Equatable {
        /// Aging bucket keys: days since receipt.
        public static let agingBuckets = ["0-5", "6-10", "11-30", ">30"]

        public var open: Int
        public var aging: [KeyCount]
        public var overdue: [OverdueRequest]

        /// `aging` is keyed by ``agingBuckets``; `open` is the sum over buckets.
        public init(aging: [String: Int] = [:], overdue: [OverdueRequest] = []) {
            self.aging = Self.agingBuckets.map { KeyCount(key: $0, count: aging[$0] ?? 0) }
            self.open = self.aging.reduce(0) { $0 + $1.count }
            self.overdue = overdue
        }

        /// Buckets open requests counted by whole days since receipt (`daysOpen[days] = count`).
        public init(daysOpen: [Int: Int], overdue: [OverdueRequest] = []) {
            self.init(
                aging: daysOpen.reduce(into: [:]) { buckets, entry in buckets[Self.bucket(forDaysOpen: entry.key), default: 0] += entry.value },
                overdue: overdue)
        }

        /// The bucket key for a request open for `days` days.
        public static func bucket(forDaysOpen days: Int) -> String {
            switch days {
            case ...5: return "0-5"
            case 6...10: return "6-10"
            case 11...30: return "11-30"
            default: return ">30"
            }
        }
    }

    /// One month of the 12-month trend.
    public struct TrendPoint: Codable, Sendable, Equatable {
        public var month: String
        public var received: Int
        public var closed: Int
        /// Share of that month's closures that were on time; nil when nothing closed.
        public var onTimeRate: Double?

        enum CodingKeys: String, CodingKey {
            case month, received, closed
            case onTimeRate = "on_time_rate"
        }

        public init(month: String, received: Int, closed: Int, onTimeRate: Double?) {
            self.month = month
            self.received = received
            self.closed = closed
            self.onTimeRate = onTimeRate
        }

        /// A month in which `onTime` of the `closed` requests closed on time.
        public init(month: String, received: Int, closed: Int, onTime: Int) {
            self.init(month: month, received: received, closed: closed, onTimeRate: OnTimeFigure.rate(closed: closed, onTime: onTime))
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(month, forKey: .month)
            try c.encode(received, forKey: .received)
            try c.encode(closed, forKey: .closed)
            try c.encode(onTimeRate, forKey: .onTimeRate)
        }
    }
}
