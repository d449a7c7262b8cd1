/// The unit a legal period is counted in (SPEC §4).
public enum PeriodUnit: String, CaseIterable, Codable, Sendable, Hashable {
    case calendarDays = "calendar_days"
    case workingDays = "working_days"
    case months

    /// The suffix used on the command line: `d`, `wd`, `m`.
    public var suffix: String {
        switch self {
        case .calendarDays: return "d"
        case .workingDays: return "wd"
        case .months: return "m"
        }
    }
}
