/// One dated entry of a working-day calendar (issue 14 item 2): an extra day off (a public
/// holiday or a transferred day off) or an extra working day (a rest day worked in exchange), for
/// the five-day week, the six-day week or both.
public struct CalendarEntry: Sendable, Hashable, CustomStringConvertible {
    /// Whether the entry takes a day out of work or puts one in.
    public enum Kind: String, CaseIterable, Codable, Sendable, Hashable {
        case dayOff = "day_off"
        case workingDay = "working_day"
    }

    /// Which weekend pattern the entry is for.
    public enum Week: String, CaseIterable, Codable, Sendable, Hashable {
        /// Five-day week (Saturday and Sunday off).
        case five = "5"
        /// Six-day week (Sunday off).
        case six = "6"
        case both

        /// Whether a calendar with `weekend` uses the entry.
        public func applies(to weekend: WeekendPattern) -> Bool {
            switch self {
            case .both: return true
            case .five: return weekend == .satSun
            case .six: return weekend == .sun
            }
        }

        /// The week of a weekend pattern.
        public static func of(_ weekend: WeekendPattern) -> Week { weekend == .satSun ? .five : .six }
    }

    public let day: LocalDate
    public let name: String
    public let kind: Kind
    public let week: Week
    /// A date not yet fixed by its decree (movable holidays announced later, generated transfers).
    public let expected: Bool

    /// Creates an entry.
    public init(_ day: LocalDate, _ name: String, kind: Kind = .dayOff, week: Week = .both, expected: Bool = false) {
        self.day = day
        self.name = name
        self.kind = kind
        self.week = week
        self.expected = expected
    }

    public var description: String {
        "\(day.iso) \(kind.rawValue) week=\(week.rawValue)\(expected ? " expected" : "") \(name)"
    }
}
