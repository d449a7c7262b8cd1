/// The result of an accepted action, for the caller to persist (and audit).
public struct LifecycleOutcome: Sendable, Hashable {
    public let from: RequestState
    public let to: RequestState
    /// The event, or nil for an extension.
    public let event: LifecycleEvent?
    public let ground: RefusalGround?
    public let note: String?
    /// The total extension after the action.
    public let extendedBy: Period?
    /// The due date after the action.
    public let dueOn: LocalDate
    public let clock: ClockEffect
}
