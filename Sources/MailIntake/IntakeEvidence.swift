public import DeskCore

/// What a message itself says that the intake decision needs (from its `IntakeAssessment`).
public struct IntakeEvidence: Sendable, Hashable {
    /// Set when the message could not be read: it is quarantined with this reason.
    public var quarantineReason: String?
    /// Set when the message is automated mail (auto-reply, bounce, newsletter).
    public var automatedReason: String?
    /// The rights asked for, primary first.
    public var rights: [Right]
    /// The classifier cleared its threshold (`Classification.isConfident`).
    public var isConfident: Bool
    /// The calibrated probability of the primary right.
    public var confidence: Double
    /// Why the classifier is not confident (`Classification.doubt`).
    public var doubt: ClassifierDoubt?
    /// Every right considered with its probability, best first.
    public var suggested: [RightScore]
    /// The message has a sender address the desk can answer.
    public var hasSenderAddress: Bool
    /// Desk references named in subject and body, in order.
    public var references: [String]
    /// Charsets nobody knows in which part of the text could not be read (`ParsedMessage.unreadableCharsets`).
    public var unreadableCharsets: [String]

    public init(
        quarantineReason: String? = nil, automatedReason: String? = nil, rights: [Right] = [], isConfident: Bool = false,
        confidence: Double = 0, doubt: ClassifierDoubt? = nil, suggested: [RightScore] = [], hasSenderAddress: Bool = false, references: [String] = [],
        unreadableCharsets: [String] = []
    ) {
        self.quarantineReason = quarantineReason
        self.automatedReason = automatedReason
        self.rights = rights
        self.isConfident = isConfident
        self.confidence = confidence
        self.doubt = doubt
        self.suggested = suggested
        self.hasSenderAddress = hasSenderAddress
        self.references = references
        self.unreadableCharsets = unreadableCharsets
    }
}
