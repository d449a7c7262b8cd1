/// A recipient of the data told about a rectification, erasure or restriction.
public struct RecipientNotification: Sendable, Hashable, Codable {
    public let recipient: String
    public let whatWasNotified: String

    /// Creates a notification record.
    public init(recipient: String, whatWasNotified: String) {
        self.recipient = recipient
        self.whatWasNotified = whatWasNotified
    }

    /// Throws when the recipient or the content is empty.
    public func validate() throws(DeskCoreError) {
        try EvidenceValidation.require(recipient, .recipient)
        try EvidenceValidation.require(whatWasNotified, .notification)
    }

    private enum CodingKeys: String, CodingKey {
        case recipient
        case whatWasNotified = "what_was_notified"
    }
}
