/// One allowed move of the request lifecycle: in state `from`, `event` leads to `to`.
public struct Transition: Sendable, Hashable, Codable {
    public let from: RequestState
    public let event: LifecycleEvent
    public let to: RequestState
    /// The only right for which the move exists, or nil when it exists for every right.
    public let onlyFor: Right?

    /// Creates a transition.
    public init(_ from: RequestState, _ event: LifecycleEvent, _ to: RequestState, onlyFor: Right? = nil) {
        self.from = from
        self.event = event
        self.to = to
        self.onlyFor = onlyFor
    }

    private enum CodingKeys: String, CodingKey {
        case from, event, to
        case onlyFor = "only_for"
    }
}
