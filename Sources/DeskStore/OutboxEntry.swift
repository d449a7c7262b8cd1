public import DeskCore
public import Foundation

/// One letter in the outbox, as `dsar outbox` lists it.
public struct OutboxEntry: Sendable, Hashable {
    public let id: Int64
    public let letterID: Int64
    public let requestID: Int64
    public let reference: String
    /// The letter's kind (`acknowledgement`, `extension_notice` …).
    public let kind: String
    public let status: OutboxStatus
    /// The requester's address; nil once purged.
    public let recipient: String?
    public let messageID: String
    public let attempts: Int
    public let nextAttemptAt: Date?
    public let queuedAt: Date
    public let lastAttemptAt: Date?
    public let sentAt: Date?
    /// The server's last answer: `250 2.0.0 Ok: queued as …`, or the refusal.
    public let serverReply: String?
    public let bouncedAt: Date?
    public let bounceReason: String?
}

/// A letter a sender has claimed (`sending` committed): what the SMTP dialogue needs.
public struct OutboxDelivery: Sendable {
    public let id: Int64
    public let letterID: Int64
    public let requestID: Int64
    public let reference: String
    public let sender: String
    public let recipient: String
    public let message: [UInt8]
    /// This try's number, 1 for the first.
    public let attempt: Int
}
