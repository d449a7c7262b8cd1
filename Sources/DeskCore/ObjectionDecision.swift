/// The decision on an objection (or a withdrawal of consent).
public struct ObjectionDecision: Sendable, Hashable, Codable {
    public let outcome: ObjectionOutcome
    /// Purposes for which processing stopped (`processing_stopped`).
    public let purposes: [String]
    /// The compelling grounds (`overridden`).
    public let grounds: String?

    /// Creates a decision.
    public init(outcome: ObjectionOutcome, purposes: [String] = [], grounds: String? = nil) {
        self.outcome = outcome
        self.purposes = purposes
        self.grounds = grounds
    }

    /// Throws when a field the outcome needs is empty, or when a direct-marketing objection would be overridden.
    public func validate(directMarketing: Bool) throws(DeskCoreError) {
        switch outcome {
        case .processingStopped:
            try EvidenceValidation.requireList(purposes, "purpose for which processing stopped")
        case .overridden:
            if directMarketing {
                throw DeskCoreError(.refusedByRule, "An objection to direct marketing can never be overridden; record processing_stopped.")
            }
            try EvidenceValidation.require(grounds, "compelling grounds for continuing the processing")
        }
    }
}
