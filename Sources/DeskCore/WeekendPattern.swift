/// Which days of the week are not worked.
public enum WeekendPattern: String, CaseIterable, Codable, Sendable, Hashable {
    /// Five-day week: Saturday and Sunday off.
    case satSun = "sat_sun"
    /// Six-day week: Sunday off.
    case sun

    /// ISO weekdays (1 = Monday … 7 = Sunday) that are days off.
    public var weekendDays: Set<Int> {
        switch self {
        case .satSun: return [6, 7]
        case .sun: return [7]
        }
    }
}
