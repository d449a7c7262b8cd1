/// Whether the day of receipt counts as the first day of the period.
public enum CountingStart: String, CaseIterable, Codable, Sendable, Hashable {
    /// Day 1 is the day after receipt (the usual legal rule).
    case nextDay = "next_day"
    /// Day 1 is the day of receipt.
    case sameDay = "same_day"
}
