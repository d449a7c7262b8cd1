import DeskCore

/// What the intake makes of one raw message before anything is stored.
///
/// `duplicate` and threading by In-Reply-To/References need the store: `status` is the
/// `IntakeDecision` of the message on its own, and the importer decides again with what the desk knows.
public struct IntakeAssessment: Sendable {
    /// The intake statuses (`duplicate` is only ever known with the store).
    public typealias Status = IntakeStatus

    /// The status.
    public let status: Status
    /// The parsed message; nil when quarantined.
    public let message: ParsedMessage?
    /// The classification; nil when quarantined.
    public let classification: Classification?
    /// First desk reference found in subject or body (quoted text included).
    public let reference: String?
    /// Every desk reference found.
    public let references: [String]
    /// Why: the quarantine error (or `no_sender` for a message without any address), or the
    /// automated-mail reason of a triage item.
    public let reason: String?
    /// The parse error when quarantined.
    public let error: MailIntakeError?

    /// Assesses one item of a mail source: too-large and unreadable items are quarantined.
    public static func assess(_ item: MailItem, classifier: RightClassifier = RightClassifier(),
                              limits: IntakeLimits = .standard) -> IntakeAssessment {
        switch item {
        case .message(let raw):
            return assess(raw.bytes, classifier: classifier, limits: limits)
        case .tooLarge(_, _, _, let size):
            let error = MailIntakeError(.tooLarge(size: size, limit: limits.maxMessageBytes))
            return IntakeAssessment(status: .quarantined, message: nil, classification: nil, reference: nil,
                                    references: [], reason: error.quarantineReason, error: error)
        case .unreadable(_, _, let error):
            return IntakeAssessment(status: .quarantined, message: nil, classification: nil, reference: nil,
                                    references: [], reason: error.quarantineReason, error: error)
        }
    }

    /// Parses, scans for references and classifies `bytes`; never throws.
    public static func assess(_ bytes: [UInt8], classifier: RightClassifier = RightClassifier(),
                              limits: IntakeLimits = .standard) -> IntakeAssessment {
        let message: ParsedMessage
        do {
            message = try MIMEParser.parse(bytes, limits: limits)
        } catch {
            return IntakeAssessment(status: .quarantined, message: nil, classification: nil, reference: nil,
                                    references: [], reason: error.quarantineReason, error: error)
        }
        let classification = classifier.classify(message)
        var references = ReferenceScanner.references(in: message.subject)
        for reference in ReferenceScanner.references(in: message.textBody) where !references.contains(reference) {
            references.append(reference)
        }
        let evidence = Self.evidence(classification, message: message, references: references)
        let decision = IntakeDecision.decide(evidence, knowing: .nothing)
        return IntakeAssessment(status: decision.status, message: message,
                                classification: classification, reference: references.first, references: references,
                                reason: decision.status == .quarantined ? decision.reason : classification.automatedReason,
                                error: nil)
    }

    /// What the intake decision needs from this assessment.
    public var evidence: IntakeEvidence {
        guard let classification else { return IntakeEvidence(quarantineReason: reason ?? "unparseable") }
        return Self.evidence(classification, message: message, references: references)
    }

    static func evidence(_ classification: Classification, message: ParsedMessage?, references: [String]) -> IntakeEvidence {
        IntakeEvidence(
            automatedReason: classification.automatedReason, rights: classification.rights,
            isConfident: classification.isConfident, confidence: classification.confidence, doubt: classification.doubt,
            suggested: classification.suggested, hasSenderAddress: !(message?.requester?.email ?? "").isEmpty,
            references: references, unreadableCharsets: message?.unreadableCharsets ?? [])
    }
}
