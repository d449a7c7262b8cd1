import DeskCore

/// What the intake makes of one raw message before anything is stored.
///
/// `duplicate` and threading by In-Reply-To/References need the store and are decided by the
/// caller; this type covers what the message itself says.
public struct IntakeAssessment: Sendable {
    /// The intake status the message itself supports.
    public enum Status: String, Sendable, Hashable, Codable {
        /// A new request: classification found at least one right.
        case new
        /// A reply: it carries a desk reference.
        case reply
        /// Nothing recognisable (or automated mail): a triage item for the inbox.
        case triage
        /// Unparseable: kept raw with the reason.
        case quarantined
    }

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
    /// Why: the quarantine error, or the automated-mail reason of a triage item.
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
            let error = MailIntakeError(.tooLarge, "The message is \(size) bytes, over the \(limits.maxMessageBytes)-byte limit.")
            return IntakeAssessment(status: .quarantined, message: nil, classification: nil, reference: nil,
                                    references: [], reason: error.description, error: error)
        case .unreadable(_, _, let error):
            return IntakeAssessment(status: .quarantined, message: nil, classification: nil, reference: nil,
                                    references: [], reason: error.description, error: error)
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
                                    references: [], reason: error.description, error: error)
        }
        let classification = classifier.classify(message)
        var references = ReferenceScanner.references(in: message.subject)
        for reference in ReferenceScanner.references(in: message.textBody) where !references.contains(reference) {
            references.append(reference)
        }
        let status: Status
        if !references.isEmpty {
            status = .reply
        } else if classification.rights.isEmpty || !classification.isConfident {
            status = .triage
        } else {
            status = .new
        }
        return IntakeAssessment(status: status, message: message, classification: classification,
                                reference: references.first, references: references,
                                reason: classification.automatedReason, error: nil)
    }
}
