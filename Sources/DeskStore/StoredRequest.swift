public import DeskCore
public import Foundation

/// A request as stored, with its requester.
public struct StoredRequest: Sendable, Hashable {
    /// The person who made the request (personal data, kept out of the audit log).
    public struct Requester: Sendable, Hashable {
        public let id: Int64
        public let name: String
        public let email: String?
        public let phone: String?
        public let language: Language
    }

    public let id: Int64
    public let reference: String
    public let caseID: Int64
    public let kind: Right
    public let state: RequestState
    public let policy: String
    public let requester: Requester
    public let channel: Channel
    public let details: String?
    public let directMarketing: Bool
    public let consentWithdrawal: Bool
    public let messageID: Int64?
    public let receivedAt: Date
    public let dueOn: LocalDate
    public let originalDueOn: LocalDate
    public let extendedBy: Period?
    public let pausedSince: Date?
    public let closedAt: Date?
    public let ground: RefusalGround?
    public let closeNote: String?
    public let assignee: String?
    public let version: Int
    public let updatedAt: Date
    public let updatedBy: String

    public var isPaused: Bool { pausedSince != nil }
    public var isExtended: Bool { extendedBy != nil }
}
