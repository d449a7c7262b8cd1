public import Foundation

/// When a letter refused with a temporary (4xx) reply is tried again, and when the outbox gives up.
///
/// Backoff doubles from `firstDelay` (1, 2, 4, 8 … minutes) up to `maximumDelay`; after
/// `maximumAttempts` tries the letter is `failed` with the last reply.
public struct OutboxRetryPolicy: Sendable, Hashable {
    public var maximumAttempts: Int
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval

    public init(maximumAttempts: Int = 5, firstDelay: TimeInterval = 60, maximumDelay: TimeInterval = 6 * 3600) {
        self.maximumAttempts = maximumAttempts
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
    }

    public static let standard = OutboxRetryPolicy()

    /// What follows a temporary failure of try number `attempt` (1-based) at `now`: the time of
    /// the next try, or nil when the tries are used up.
    public func nextAttempt(after attempt: Int, at now: Date) -> Date? {
        guard attempt < maximumAttempts else { return nil }
        let exponent = Double(max(0, attempt - 1))
        let delay = min(maximumDelay, firstDelay * pow(2, exponent))
        return now.addingTimeInterval(delay)
    }
}
