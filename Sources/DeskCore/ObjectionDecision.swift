/// The decision on an objection (or a withdrawal of consent).
public struct ObjectionDecision: Sendable, Hashable, Codable {
    public let outcome: ObjectionOutcome
    /// Purposes for which processing stopped (`processing_stopped`).
    public let purposes: [String]
    /// The compelling grounds (`overridden`).
    public let grounds: String?
    /// A withdrawal of consent whose data is kept: the legal ground to retain it (the law and the
    /// period), recorded instead of an erasure-journal entry (ZRU-547 art. 17; issue 14 item 5).
    public let retentionGround: String?

    private enum CodingKeys: String, CodingKey {
        case outcome, purposes, grounds
        case retentionGround = "retention_ground"
    }

    /// Creates a decision.
    public init(outcome: ObjectionOutcome, purposes: [String] = [], grounds: String? = nil, retentionGround: String? = nil) {
        self.outcome = outcome
        self.purposes = purposes
        self.grounds = grounds
        self.retentionGround = retentionGround
    }

    /// Throws when a field the outcome needs is empty, or when an objection to direct marketing or
    /// a withdrawal of consent would be overridden.
    public func validate(directMarketing: Bool, consentWithdrawal: Bool = false) throws(DeskCoreError) {
        switch outcome {
        case .processingStopped:
            try EvidenceValidation.requireList(purposes, .stoppedPurpose)
            if let retentionGround { try EvidenceValidation.require(retentionGround, .retentionGround) }
        case .overridden:
            if directMarketing {
                throw DeskCoreError(.marketingObjectionOverridden)
            }
            if consentWithdrawal {
                throw DeskCoreError(.consentWithdrawalOverridden)
            }
            try EvidenceValidation.require(grounds, .compellingGrounds)
        }
    }
}
