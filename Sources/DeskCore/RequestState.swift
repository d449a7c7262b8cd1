/// Where a request stands in its lifecycle (SPEC §3).
public enum RequestState: String, CaseIterable, Codable, Sendable, Hashable {
    case received
    case awaitingIdentity = "awaiting_identity"
    case inProgress = "in_progress"
    case awaitingRequester = "awaiting_requester"
    case fulfilled
    case partiallyFulfilled = "partially_fulfilled"
    case refused
    case withdrawn
    case lifted

    /// Closed requests no longer count against a deadline.
    public var isClosed: Bool {
        switch self {
        case .fulfilled, .partiallyFulfilled, .refused, .withdrawn, .lifted: return true
        case .received, .awaitingIdentity, .inProgress, .awaitingRequester: return false
        }
    }

    /// The states in which a request is still open, in lifecycle order.
    public static let open: [RequestState] = allCases.filter { !$0.isClosed }

    /// States in which the requester or the desk is waiting and the clock may be paused.
    public var isAwaiting: Bool { self == .awaitingIdentity || self == .awaitingRequester }
}
