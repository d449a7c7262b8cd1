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
        guard let primary = evidence.rights.first else { return triage(evidence, reason: noRequestReason(evidence.suggested)) }
        guard evidence.isConfident else { return triage(evidence, reason: doubtReason(evidence.doubt, primary: primary, evidence.confidence)) }
        return IntakeDecision(.new, rights: evidence.rights)
    }

    /// Why the classifier left a request to a person, in the DPO's words. The confidence is cut
    /// (not rounded) to a tenth of a percent, so that 99.96 % under a 99.97 % bar never reads 100 %.
    static func doubtReason(_ doubt: ClassifierDoubt?, primary: Right, _ confidence: Double) -> String {
        switch doubt {
        case .belowThreshold(let calibrated, let threshold):
            let (shown, bar) = distinguishable(calibrated, threshold)
            return "Not sure enough: \(primary.rawValue) at \(shown) % confidence, under the \(bar) % "
                + "needed to create a request alone; a person must choose the right."
        case .negated(let right):
            return "Negated: the message says not to do \(right.rawValue), which looked most likely; a person must choose the right."
        case .wordingAlsoNames(let rights) where !rights.isEmpty:
            let names = rights.map(\.rawValue).joined(separator: ", ")
            return "Also names \(names), not only \(primary.rawValue) (at \(tenths(confidence)) % confidence); "
                + "a person must choose the rights."
        case .wordingAlsoNames, nil:
            return "Not sure enough: \(primary.rawValue) at \(tenths(confidence)) % confidence; a person must choose the right."
        }
    }

    /// Why a message the classifier reads as no request is still shown to a person. A best guess
    /// under `RightClassifier.suggestedProbability` is no guess: "erasure at 0.3 %" would only send
    /// the DPO looking for a request that is not there.
    static func noRequestReason(_ suggested: [RightScore]) -> String {
        guard let best = suggested.first, best.probability >= RightClassifier.suggestedProbability else {
            return "No right recognised in the message; a person must decide whether it is a request."
        }
        return "Read as no request (if it is one, \(best.right.rawValue) at \(tenths(best.probability)) % is the best guess); "
            + "a person must decide."
    }

    /// A confidence and its bar, cut to a tenth of a percent or, where that would print the same
    /// figure twice ("99.1 % … under the 99.1 %"), to as many more digits as tell them apart
    /// (at most four).
    static func distinguishable(_ value: Double, _ bar: Double) -> (String, String) {
        for digits in 1...3 where cut(value, digits: digits) != cut(bar, digits: digits) {
            return (cut(value, digits: digits), cut(bar, digits: digits))
        }
        return (cut(value, digits: 4), cut(bar, digits: 4))
    }

    /// 0.99968 → "99.9", 0.5 → "50.0".
    static func tenths(_ fraction: Double) -> String { cut(fraction, digits: 1) }

    /// A fraction as a percentage cut (not rounded) to `digits` decimals: (0.991432, 2) → "99.14".
    private static func cut(_ fraction: Double, digits: Int) -> String {
        var scale = 100
        for _ in 0..<digits { scale *= 10 }
        let units = Int((max(0, min(1, fraction)) * Double(scale)).rounded(.down))
        let step = scale / 100
        let decimals = String(units % step)
        return "\(units / step)." + String(repeating: "0", count: digits - decimals.count) + decimals
    }

    private static func triage(_ evidence: IntakeEvidence, reason: String?) -> IntakeDecision {
        IntakeDecision(.triage, reason: reason, suggested: evidence.suggested)
    }
}
