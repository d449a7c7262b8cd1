import DeskCore
import DeskStore
import Foundation

/// One item of `dsar inbox --json`.
struct InboxItemJSON: Encodable {
    let id: Int64
    let messageID: Int64
    let receivedAt: Date
    let fromName: String?
    let fromEmail: String?
    let subject: String?
    let status: String
    let reason: String?
    let suggested: [RightScore]

    enum CodingKeys: String, CodingKey {
        case id, subject, status, reason, suggested
        case messageID = "message_id"
        case receivedAt = "received_at"
        case fromName = "from_name"
        case fromEmail = "from_email"
    }

    init(_ item: InboxStore.Item) {
        id = item.id
        messageID = item.messageID
        receivedAt = item.receivedAt
        fromName = item.fromName
        fromEmail = item.fromEmail
        subject = item.subject
        status = item.status
        reason = item.reason
        suggested = item.suggested
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(fromName, forKey: .fromName)
        try container.encode(fromEmail, forKey: .fromEmail)
        try container.encode(subject, forKey: .subject)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(suggested.map(InboxSuggestionJSON.init), forKey: .suggested)
    }
}

/// One suggested right for `--json`: `{"kind": "erasure", "probability": 0.83}`.
struct InboxSuggestionJSON: Encodable {
    let kind: String
    let probability: Double
    init(_ score: RightScore) {
        kind = score.right.rawValue
        probability = score.probability
    }
}
