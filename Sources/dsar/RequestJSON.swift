import DeskCore
import DeskStore
import Foundation

/// The JSON object for one request (SPEC §8): the fields `queue --json` and `show --json` share.
struct RequestJSON: Encodable {
    struct Requester: Encodable {
        let name: String
        let email: String?
        let language: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
            try container.encode(language, forKey: .language)
        }

        enum CodingKeys: String, CodingKey { case name, email, language }
    }

    let reference: String
    let kind: String
    let state: String
    let policy: String
    let requester: Requester
    let channel: String
    let receivedAt: Date
    let dueOn: String
    let daysLeft: Int
    let assignee: String?
    let extended: Bool
    let paused: Bool

    init(_ request: StoredRequest, daysLeft: Int) {
        reference = request.reference
        kind = request.kind.rawValue
        state = request.state.rawValue
        policy = request.policy
        requester = Requester(name: request.requester.name, email: request.requester.email, language: request.requester.language.rawValue)
        channel = request.channel.rawValue
        receivedAt = request.receivedAt
        dueOn = request.dueOn.iso
        self.daysLeft = daysLeft
        assignee = request.assignee
        extended = request.isExtended
        paused = request.isPaused
    }

    enum CodingKeys: String, CodingKey {
        case reference, kind, state, policy, requester, channel, assignee, extended, paused
        case receivedAt = "received_at"
        case dueOn = "due_on"
        case daysLeft = "days_left"
    }

    /// Every field is always present (nulls written), so scripts can rely on the keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(kind, forKey: .kind)
        try container.encode(state, forKey: .state)
        try container.encode(policy, forKey: .policy)
        try container.encode(requester, forKey: .requester)
        try container.encode(channel, forKey: .channel)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(dueOn, forKey: .dueOn)
        try container.encode(daysLeft, forKey: .daysLeft)
        try container.encode(assignee, forKey: .assignee)
        try container.encode(extended, forKey: .extended)
        try container.encode(paused, forKey: .paused)
    }
}
