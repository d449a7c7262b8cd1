/// Where a letter handed to the outbox stands (SPEC §6).
public enum OutboxStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for `dsar outbox send` (new, or a temporary failure waiting for its next try).
    case queued
    /// A sender committed that it is in the SMTP dialogue for this letter.
    case sending
    /// The server accepted it (its reply is stored).
    case sent
    /// Refused for good (5xx), or out of tries.
    case failed
    /// Accepted, then a delivery report came back naming it.
    case bounced
    /// Found `sending` with no sender alive: it may or may not have gone out. A person decides
    /// (`dsar outbox retry ID` or `dsar outbox mark-sent ID`); it is never resent by itself.
    case uncertain
    /// Taken out of the outbox by a person.
    case cancelled

    /// Whether `dsar outbox retry` may put it back in the queue.
    public var isRetryable: Bool {
        switch self {
        case .failed, .bounced, .uncertain, .cancelled: true
        case .queued, .sending, .sent: false
        }
    }
}
