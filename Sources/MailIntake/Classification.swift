import DeskCore

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
    /// 0…1: how clearly the primary right stands out (1 = only one right, strongly worded).
    public let confidence: Double
    /// Why the message was treated as automated mail (newsletter, auto-reply, bounce), if it was.
    public let automatedReason: String?

    /// The primary right, if any.
    public var primaryRight: Right? { rights.first }
}
