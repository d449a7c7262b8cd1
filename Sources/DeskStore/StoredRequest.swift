public import DeskCore
public import Foundation

/// A request as stored, with its requester. What a change writes is settable inside DeskStore
/// only (`StoredRequest+Written`).
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
    public internal(set) var state: RequestState
    public let policy: String
    public let requester: Requester
    public let channel: Channel
    public let details: String?
    public let directMarketing: Bool
    public let consentWithdrawal: Bool
    public let messageID: Int64?
    public let receivedAt: Date
    public internal(set) var dueOn: LocalDate
    public let originalDueOn: LocalDate
    public internal(set) var extendedBy: Period?
    public internal(set) var pausedSince: Date?
    public internal(set) var closedAt: Date?
    public internal(set) var ground: RefusalGround?
    public internal(set) var closeNote: String?
    public internal(set) var assignee: String?
    public internal(set) var version: Int
    public internal(set) var updatedAt: Date
    public internal(set) var updatedBy: String

    public var isPaused: Bool { pausedSince != nil }
    public var isExtended: Bool { extendedBy != nil }
}
