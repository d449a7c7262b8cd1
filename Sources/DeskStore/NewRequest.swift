public import DeskCore
public import Foundation

/// What the desk knows about a request when it is registered (`dsar new`, the intake).
public struct NewRequest: Sendable {
    public var kind: Right
    public var requesterName: String
    public var email: String?
    public var phone: String?
    public var language: Language
    public var channel: Channel
    /// The policy code; `nil` means the desk's default policy.
    public var policy: String?
    public var details: String?
    public var directMarketing: Bool
    public var consentWithdrawal: Bool
    public var receivedAt: Date
    /// Links sibling requests created from one message asking for several rights.
    public var caseID: Int64?
    /// The stored message the request came from.
    public var messageID: Int64?

    public init(
        kind: Right, requesterName: String, email: String? = nil, phone: String? = nil, language: Language = .uzbekLatin,
        channel: Channel = .email, policy: String? = nil, details: String? = nil, directMarketing: Bool = false,
        consentWithdrawal: Bool = false, receivedAt: Date, caseID: Int64? = nil, messageID: Int64? = nil
    ) {
        self.kind = kind
        self.requesterName = requesterName
        self.email = email
        self.phone = phone
        self.language = language
        self.channel = channel
        self.policy = policy
        self.details = details
        self.directMarketing = directMarketing
        self.consentWithdrawal = consentWithdrawal
        self.receivedAt = receivedAt
        self.caseID = caseID
        self.messageID = messageID
    }
}
