public import DeskCore

/// What a message asks for: its language and the rights requested, primary first.
public struct Classification: Sendable, Hashable {
    /// The language the sender wrote in; nil when there is too little text to tell.
    public let language: Language?
    /// The rights asked for, primary first; empty means "make a triage item".
    public let rights: [Right]
    /// The objection is a withdrawal of consent (SPEC §1: `consent_withdrawal: true`).
    public let consentWithdrawal: Bool
    /// The objection is to direct marketing (it can never be overridden).
    public let directMarketing: Bool
    /// Score of each right found (higher is stronger); for explaining a decision.
    public let scores: [Right: Double]
    /// 0…1: how likely the primary right is right.
    public let confidence: Double
    /// Why the message was treated as automated mail (newsletter, auto-reply, bounce), if it was.
    public let automatedReason: String?
    /// Every right considered with its probability, best first: what a triage item suggests.
    public let suggested: [RightScore]
    /// Why the classifier is not sure enough of `rights` to create requests without a person
    /// (nil when it is, or when there are no rights).
    public let doubt: ClassifierDoubt?
    /// The classifier is sure enough for the desk to create requests without a person.
    public var isConfident: Bool { !rights.isEmpty && doubt == nil }

    public init(
        language: Language?, rights: [Right], consentWithdrawal: Bool, directMarketing: Bool, scores: [Right: Double],
        confidence: Double, automatedReason: String?, suggested: [RightScore], doubt: ClassifierDoubt? = nil
    ) {
        self.language = language
        self.rights = rights
        self.consentWithdrawal = consentWithdrawal
        self.directMarketing = directMarketing
        self.scores = scores
        self.confidence = confidence
        self.automatedReason = automatedReason
        self.suggested = suggested
        self.doubt = doubt
    }

    /// The primary right, if any.
    public var primaryRight: Right? { rights.first }
}
