import DeskCore
import DeskStore
import Foundation

/// One outbox letter for `dsar outbox --json`; every key always present.
struct OutboxEntryJSON: Encodable {
    let entry: OutboxEntry

    enum CodingKeys: String, CodingKey {
        case id, reference, kind, status, recipient, attempts
        case letterID = "letter_id", messageID = "message_id", nextAttemptAt = "next_attempt_at", queuedAt = "queued_at"
        case sentAt = "sent_at", serverReply = "server_reply", bouncedAt = "bounced_at", bounceReason = "bounce_reason"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.id, forKey: .id)
        try container.encode(entry.letterID, forKey: .letterID)
        try container.encode(entry.reference, forKey: .reference)
        try container.encode(entry.kind, forKey: .kind)
        try container.encode(entry.status.rawValue, forKey: .status)
        try container.encode(entry.recipient, forKey: .recipient)
        try container.encode(entry.messageID, forKey: .messageID)
        try container.encode(entry.attempts, forKey: .attempts)
        try container.encode(entry.nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(entry.queuedAt, forKey: .queuedAt)
        try container.encode(entry.sentAt, forKey: .sentAt)
        try container.encode(entry.serverReply, forKey: .serverReply)
        try container.encode(entry.bouncedAt, forKey: .bouncedAt)
        try container.encode(entry.bounceReason, forKey: .bounceReason)
    }
}
