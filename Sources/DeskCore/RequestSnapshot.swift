/// What the lifecycle needs to know about a request to decide an action; the store builds it.
public struct RequestSnapshot: Sendable, Hashable {
    public var right: Right
    /// The policy code: some refusal grounds exist under one law only (`RefusalGround.refusal(underPolicy:)`).
    public var policy: String
    public var state: RequestState
    /// An objection to direct marketing, which can never be overridden.
    public var directMarketing: Bool
    /// An objection that withdraws consent: never overridden, and closed only once the data is
    /// destroyed or a legal ground to retain it is recorded (ZRU-547 art. 17).
    public var consentWithdrawal: Bool
    /// Whether a decision recorded a legal ground to retain the data (`ObjectionDecision.retentionGround`).
    public var retentionGroundRecorded: Bool
    /// Kinds of the evidence recorded so far.
    public var evidence: [EvidenceKind]
    public var deadline: DeadlineContext
    /// The extension granted so far, if any.
    public var extendedBy: Period?
    /// Whether a restriction_lift_notice letter was sent (required before `lift`).
    public var liftNoticeSent: Bool

    /// Creates a snapshot.
    public init(right: Right, state: RequestState, policy: String = "", directMarketing: Bool = false,
                consentWithdrawal: Bool = false, retentionGroundRecorded: Bool = false,
                evidence: [EvidenceKind] = [], deadline: DeadlineContext, extendedBy: Period? = nil, liftNoticeSent: Bool = false) {
        self.consentWithdrawal = consentWithdrawal
        self.retentionGroundRecorded = retentionGroundRecorded
        self.right = right
        self.policy = policy
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
