public import DeskCore

/// What the intake does with one message: the one decision, used by the importer's dry run and
/// offline run and by the store when it writes (message by message or a batch at a time).
///
/// Pure: it reads what the message says (`IntakeEvidence`) and what the desk knows about it
/// (`IntakeKnowledge`), in this order — a duplicate is never stored twice; an unreadable message is
/// quarantined; a message answering one of our letters or naming a request the desk holds is a
/// reply; one naming a reference the desk does not hold needs a person; a message with no sender
/// address at all (From, Sender, Reply-To) is quarantined; automated mail, text in a charset
/// nobody knows, mail without a recognised right and mail the classifier is not sure of go to
/// triage (with the suggested rights); only the rest becomes requests.
public struct IntakeDecision: Sendable, Hashable {
    public let status: IntakeStatus
    /// Why, for triage and quarantine (and a reply the desk could not check); nil otherwise.
    public let reason: String?
    /// The requests to create, primary first (status `new` only).
    public let rights: [Right]
    /// The request a reply is attached to.
    public let reference: String?
    /// The rights a person might choose, best first (status `triage` only).
    public let suggested: [RightScore]

    init(_ status: IntakeStatus, reason: String? = nil, rights: [Right] = [], reference: String? = nil, suggested: [RightScore] = []) {
        self.status = status
        self.reason = reason
        self.rights = rights
        self.reference = reference
        self.suggested = suggested
    }

    public static func decide(_ evidence: IntakeEvidence, knowing desk: IntakeKnowledge) -> IntakeDecision {
        if desk.isDuplicate { return IntakeDecision(.duplicate) }
        if let reason = evidence.quarantineReason { return IntakeDecision(.quarantined, reason: reason) }
        // A delivery report quotes our letter (its references, its Message-ID) but is no reply
        // from the requester: a person sees it in triage, and the letter is marked bounced.
        if evidence.automatedReason == AutomatedMailDetector.deliveryReportReason {
            return triage(evidence, reason: evidence.automatedReason)
        }
        if let reference = desk.threadReference { return IntakeDecision(.reply, reference: reference) }
        if let first = evidence.references.first {
            guard let held = desk.heldReferences else {
                return IntakeDecision(
                    .reply, reason: "The desk was not consulted, so whether it holds \(first) is not known.", reference: first)
            }
            if let reference = evidence.references.first(where: held.contains) {
                return IntakeDecision(.reply, reference: reference)
            }
            let named = evidence.references.prefix(3).joined(separator: ", ")
            return triage(
                evidence,
                reason: "The message answers \(named), which the desk does not hold; a person must decide what it is.")
        }
        guard evidence.hasSenderAddress else {
            return IntakeDecision(
                .quarantined,
                reason: "no_sender: The message has no sender address in From, Sender or Reply-To; a person must register it.")
        }
        if let reason = evidence.automatedReason { return triage(evidence, reason: reason) }
        if !evidence.unreadableCharsets.isEmpty {
            let names = evidence.unreadableCharsets.prefix(3).joined(separator: ", ")
            return triage(
                evidence,
                reason: "unknown_charset: The text is in \(names), a charset the desk does not know; it was read as UTF-8 with replacement characters, so a person must read it.")
        }
        guard let primary = evidence.rights.first else { return triage(evidence, reason: nil) }
        guard evidence.isConfident else {
            let percent = Int((evidence.confidence * 100).rounded())
            return triage(
                evidence,
                reason: "The classifier is not sure enough to create a request (\(primary.rawValue), \(percent) %); a person must choose the right.")
        }
        return IntakeDecision(.new, rights: evidence.rights)
    }

    private static func triage(_ evidence: IntakeEvidence, reason: String?) -> IntakeDecision {
        IntakeDecision(.triage, reason: reason, suggested: evidence.suggested)
    }
}
