import DeskCore
import DeskStore
import Foundation

/// `show --json`: the shared request fields plus the timeline, letters, messages and evidence.
struct RequestDetailJSON: Encodable {
    struct Event: Encodable {
        let seq: Int64
        let occurredAt: Date
        let recordedAt: Date
        let actor: String
        let event: String
        let fromState: String?
        let toState: String?
        enum CodingKeys: String, CodingKey {
            case seq, actor, event
            case occurredAt = "occurred_at", recordedAt = "recorded_at", fromState = "from_state", toState = "to_state"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seq, forKey: .seq)
            try container.encode(occurredAt, forKey: .occurredAt)
            try container.encode(recordedAt, forKey: .recordedAt)
            try container.encode(actor, forKey: .actor)
            try container.encode(event, forKey: .event)
            try container.encode(fromState, forKey: .fromState)
            try container.encode(toState, forKey: .toState)
        }
    }

    struct Letter: Encodable {
        let id: Int64, kind: String, language: String, format: String, verificationCode: String, producedAt: Date
        enum CodingKeys: String, CodingKey {
            case id, kind, language, format
            case verificationCode = "verification_code", producedAt = "produced_at"
        }
    }

    struct Message: Encodable {
        let id: Int64, status: String, subject: String?, sentAt: Date?
        enum CodingKeys: String, CodingKey { case id, status, subject, sentAt = "sent_at" }
    }

    struct Evidence: Encodable {
        let id: Int64, kind: String, occurredAt: Date, recordedBy: String, details: [String: JSONValue]
        enum CodingKeys: String, CodingKey {
            case id, kind, details
            case occurredAt = "occurred_at", recordedBy = "recorded_by"
        }
    }

    let base: RequestJSON
    let originalDueOn: String
    let extendedBy: String?
    let closedAt: Date?
    let ground: String?
    let legalSource: String
    let caseID: Int64
    let version: Int
    let events: [Event]
    let letters: [Letter]
    let messages: [Message]
    let evidence: [Evidence]

    init(_ dossier: RequestDossier) {
        let request = dossier.request
        base = RequestJSON(request, daysLeft: dossier.daysLeft)
        originalDueOn = request.originalDueOn.iso
        extendedBy = request.extendedBy?.description
        closedAt = request.closedAt
        ground = request.ground?.rawValue
        legalSource = dossier.legalSource
        caseID = request.caseID
        version = request.version
        events = dossier.events.map {
            Event(seq: $0.sequence, occurredAt: $0.occurredAt, recordedAt: $0.recordedAt, actor: $0.actor, event: $0.event,
                  fromState: $0.fromState?.rawValue, toState: $0.toState?.rawValue)
        }
        letters = dossier.letters.map {
            Letter(id: $0.id, kind: $0.kind, language: $0.language, format: $0.format, verificationCode: $0.verificationCode, producedAt: $0.producedAt)
        }
        messages = dossier.messages.map { Message(id: $0.id, status: $0.status, subject: $0.subject, sentAt: $0.sentAt) }
        evidence = dossier.evidence.map {
            Evidence(id: $0.id, kind: $0.kind.rawValue, occurredAt: $0.occurredAt, recordedBy: $0.recordedBy,
                     details: JSONValue.object(from: $0.details))
        }
    }

    enum CodingKeys: String, CodingKey {
        case events, letters, messages, evidence, ground, version
        case originalDueOn = "original_due_on", extendedBy = "extended_by", closedAt = "closed_at"
        case legalSource = "legal_source", caseID = "case_id"
    }

    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(originalDueOn, forKey: .originalDueOn)
        try container.encode(extendedBy, forKey: .extendedBy)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(ground, forKey: .ground)
        try container.encode(legalSource, forKey: .legalSource)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(version, forKey: .version)
        try container.encode(events, forKey: .events)
        try container.encode(letters, forKey: .letters)
        try container.encode(messages, forKey: .messages)
        try container.encode(evidence, forKey: .evidence)
    }
}
