/// What happens to the deadline clock after an action.
public enum ClockEffect: String, Sendable, Hashable, Codable {
    case unchanged
    /// A pause starts now (waiting on the requester; or on identity when the rule says so).
    case pause
    /// A running pause ends now.
    case resume
}
