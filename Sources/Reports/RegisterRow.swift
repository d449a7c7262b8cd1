public import DeskCore

/// One request in the desk's register (`dsar report register`), the record kept for
/// the regulator. Dates are `YYYY-MM-DD` in the desk's time zone.
public struct RegisterRow: Sendable, Equatable {
    public var reference: String
    public var right: Right
    public var policy: String
    public var channel: Channel
    public var received: String
    /// The original due date.
    public var due: String
    /// The due date after extensions; nil when never extended.
    public var extendedDue: String?
    /// When it closed; nil while open.
    public var closed: String?
    /// The closing state; nil while open.
    public var outcome: RequestState?
    /// Refusal or partial-fulfilment ground; nil when none.
    public var ground: String?
    /// Closed on or before the due date in force; nil while open.
    public var onTime: Bool?
    public var assignee: String?
    /// Only written when the register is asked for with contacts.
    public var requesterName: String?
    /// Only written when the register is asked for with contacts.
    public var requesterEmail: String?

    public init(
        reference: String, right: Right, policy: String, channel: Channel,
        received: String, due: String, extendedDue: String? = nil,
        closed: String? = nil, outcome: RequestState? = nil, ground: String? = nil,
        onTime: Bool? = nil, assignee: String? = nil,
        requesterName: String? = nil, requesterEmail: String? = nil
    ) {
        self.reference = reference
        self.right = right
        self.policy = policy
        self.channel = channel
        self.received = received
        self.due = due
        self.extendedDue = extendedDue
        self.closed = closed
        self.outcome = outcome
        self.ground = ground
        self.onTime = onTime
        self.assignee = assignee
        self.requesterName = requesterName
        self.requesterEmail = requesterEmail
    }
}
