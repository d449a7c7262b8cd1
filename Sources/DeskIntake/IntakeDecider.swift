public import DeskStore
public import MailIntake

/// The store's view of the one intake decision (`IntakeDecision`): what the store read becomes
/// `IntakeKnowledge`, the message becomes `IntakeEvidence`, the decision becomes the store's `Plan`.
public enum IntakeDecider {
    /// The decision the store applies wherever it writes a message.
    public static func decide(_ incoming: IntakeStore.Incoming, _ facts: IntakeStore.Facts) -> IntakeStore.Plan {
        plan(IntakeDecision.decide(evidence(incoming), knowing: knowledge(facts)), facts: facts)
    }

    /// What the message says, as the importer put it into `incoming`.
    public static func evidence(_ incoming: IntakeStore.Incoming) -> IntakeEvidence {
        IntakeEvidence(
            quarantineReason: incoming.quarantineReason, automatedReason: incoming.triageReason, rights: incoming.kinds,
            isConfident: incoming.isConfident, confidence: incoming.confidence, doubt: incoming.doubt,
            suggested: incoming.suggested,
            hasSenderAddress: !(incoming.fromEmail ?? "").isEmpty, references: incoming.references,
            unreadableCharsets: incoming.unreadableCharsets)
    }

    /// What the store read, for the decision.
    public static func knowledge(_ facts: IntakeStore.Facts) -> IntakeKnowledge {
        IntakeKnowledge(
            isDuplicate: facts.duplicateOf != nil, threadReference: facts.thread?.reference,
            heldReferences: Set(facts.heldReferences.keys))
    }

    /// The decision in the store's terms: the original of a duplicate and the request of a reply
    /// from `facts` (a reply's request is nil where the desk was not read).
    public static func plan(_ decision: IntakeDecision, facts: IntakeStore.Facts) -> IntakeStore.Plan {
        switch decision.status {
        case .duplicate:
            // The decision finds a duplicate only where `facts` names its original (the knowledge
            // is read from them); one it found otherwise can only be a repeat within the run.
            return .duplicate(of: facts.duplicateOf ?? .earlierInBatch)
        case .quarantined:
            return .quarantine(reason: decision.reason ?? "unparseable")
        case .reply:
            let reference = decision.reference ?? ""
            let id = facts.thread.flatMap { $0.reference == reference ? $0.id : nil } ?? facts.heldReferences[reference]
            return .reply(requestID: id, reference: reference)
        case .triage:
            return .triage(reason: decision.reason, suggested: decision.suggested)
        case .new:
            return .create(decision.rights)
        }
    }
}
