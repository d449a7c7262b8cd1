import DeskCore
import DeskStore
import Foundation

/// One row of `queue --json` / `claim --json`: the shared `RequestJSON` fields plus what the queue
/// knows (`reply_waiting`, `overdue`, `original_due_on`, `extended_by`). Keys always present.
struct QueueItemJSON: Encodable {
    let base: RequestJSON
    let originalDueOn: String
    let extendedBy: String?
    let overdue: Bool
    let replyWaiting: Bool
    let bounced: Bool

    init(_ item: QueueQuery.Item) {
        base = RequestJSON(item.request, daysLeft: item.daysLeft)
        originalDueOn = item.request.originalDueOn.iso
        extendedBy = item.request.extendedBy?.description
        overdue = item.isOverdue
        replyWaiting = item.replyWaiting
        bounced = item.bounced
    }

    enum CodingKeys: String, CodingKey {
        case overdue
        case originalDueOn = "original_due_on", extendedBy = "extended_by", replyWaiting = "reply_waiting", bounced
    }

    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(originalDueOn, forKey: .originalDueOn)
        try container.encode(extendedBy, forKey: .extendedBy)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(replyWaiting, forKey: .replyWaiting)
        try container.encode(bounced, forKey: .bounced)
    }
}
