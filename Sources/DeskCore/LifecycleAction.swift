/// Something the desk does to a request.
public enum LifecycleAction: Sendable, Hashable {
    /// A lifecycle event, with the ground and note a closing event may carry, and for
    /// `legal_obligation_to_retain` the law and retention period.
    case event(LifecycleEvent, ground: RefusalGround? = nil, note: String? = nil, retention: RetentionObligation? = nil)
    /// Extend the deadline by a period, for a reason told to the requester; `decidedBy` is who
    /// decided it (ZRU-445: the head of the state body, or a deputy).
    case extend(Period, reason: String, decidedBy: String? = nil)
}
