public import DeskCore
public import DeskStore
import Foundation

/// Everything the desk knows that a letter about one request may quote, read in one place.
public struct LetterFacts: Sendable {
    public var request: StoredRequest
    public var policy: PolicyCatalog.Entry
    /// Desk settings by key (`organisation.name`, `dpo.email`, `authority.ru`…).
    public var settings: [String: String]
    public var evidence: [Evidence]
    public var extensionReason: String?
    public var clarificationQuestion: String?
    /// The law and retention period of a refusal on `legal_obligation_to_retain`.
    public var retention: RetentionObligation?
    /// The Message-ID of the requester's original e-mail, for threading.
    public var originalMessageID: String?

    public init(
        request: StoredRequest, policy: PolicyCatalog.Entry, settings: [String: String], evidence: [Evidence] = [],
        extensionReason: String? = nil, clarificationQuestion: String? = nil, originalMessageID: String? = nil,
        retention: RetentionObligation? = nil
    ) {
        self.retention = retention
        self.request = request
        self.policy = policy
        self.settings = settings
        self.evidence = evidence
        self.extensionReason = extensionReason
        self.clarificationQuestion = clarificationQuestion
        self.originalMessageID = originalMessageID
    }
}
