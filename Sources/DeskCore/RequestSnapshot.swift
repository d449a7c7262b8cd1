/// What the lifecycle needs to know about a request to decide an action; the store builds it.
public struct RequestSnapshot: Sendable, Hashable {
    public var right: Right
    public var state: RequestState
    /// An objection to direct marketing, which can never be overridden.
    public var directMarketing: Bool
    /// Kinds of the evidence recorded so far.
    public var evidence: [EvidenceKind]
    public var deadline: DeadlineContext
    /// The extension granted so far, if any.
    public var extendedBy: Period?
    /// Whether a restriction_lift_notice letter was sent (required before `lift`).
    public var liftNoticeSent: Bool

    /// Creates a snapshot.
    public init(right: Right, state: RequestState, directMarketing: Bool = false, evidence: [EvidenceKind] = [],
                deadline: DeadlineContext, extendedBy: Period? = nil, liftNoticeSent: Bool = false) {
        self.right = right
        self.state = state
        self.directMarketing = directMarketing
        self.evidence = evidence
        self.deadline = deadline
        self.extendedBy = extendedBy
        self.liftNoticeSent = liftNoticeSent
    }

    /// Whether an extension was granted.
    public var extended: Bool { extendedBy != nil }

    /// The current due date, extension and pauses included.
    public var dueOn: LocalDate { deadline.dueDate(extension: extendedBy) }
}
