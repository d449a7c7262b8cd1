import DeskCore
import DeskStore
import Foundation

/// A request as `queue --json` (and later `show --json`) prints it: SPEC §8's field names, stable,
/// ISO dates; absent values are `null`, never missing.
struct RequestJSON: Codable, Equatable {
    struct Requester: Codable, Equatable {
        let name: String
        let email: String?
        let language: String

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
            try container.encode(language, forKey: .language)
        }
    }

    let reference: String
    let kind: String
    let state: String
    let policy: String
    let requester: Requester
    let channel: String
    let receivedAt: Date
    let dueOn: String
    let originalDueOn: String
    let daysLeft: Int
    let overdue: Bool
    let assignee: String?
    let extended: Bool
    let extendedBy: String?
    let paused: Bool
    let replyWaiting: Bool

    enum CodingKeys: String, CodingKey {
        case reference, kind, state, policy, requester, channel, assignee, extended, paused, overdue
        case receivedAt = "received_at"
        case dueOn = "due_on"
        case originalDueOn = "original_due_on"
        case daysLeft = "days_left"
        case extendedBy = "extended_by"
        case replyWaiting = "reply_waiting"
    }

    init(_ item: QueueQuery.Item) {
        let request = item.request
        reference = request.reference
        kind = request.kind.rawValue
        state = request.state.rawValue
        policy = request.policy
        requester = Requester(name: request.requester.name, email: request.requester.email, language: request.requester.language.rawValue)
        channel = request.channel.rawValue
        receivedAt = request.receivedAt
        dueOn = request.dueOn.iso
        originalDueOn = request.originalDueOn.iso
        daysLeft = item.daysLeft
        overdue = item.isOverdue
        assignee = request.assignee
        extended = request.isExtended
        extendedBy = request.extendedBy?.description
        paused = request.isPaused
        replyWaiting = item.replyWaiting
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(kind, forKey: .kind)
        try container.encode(state, forKey: .state)
        try container.encode(policy, forKey: .policy)
        try container.encode(requester, forKey: .requester)
        try container.encode(channel, forKey: .channel)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(dueOn, forKey: .dueOn)
        try container.encode(originalDueOn, forKey: .originalDueOn)
        try container.encode(daysLeft, forKey: .daysLeft)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(assignee, forKey: .assignee)
        try container.encode(extended, forKey: .extended)
        try container.encode(extendedBy, forKey: .extendedBy)
        try container.encode(paused, forKey: .paused)
        try container.encode(replyWaiting, forKey: .replyWaiting)
    }
}
