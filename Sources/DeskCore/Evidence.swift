/// One piece of evidence recorded on a request before it is closed (SPEC §3 gates).
///
/// Encoded as a flat JSON object with a `kind` key next to the fields of the value.
public enum Evidence: Sendable, Hashable, Codable {
    case disclosure(Disclosure)
    case change(Change)
    case erasure(ErasureJournalEntry)
    case restriction(RestrictionScope)
    case export(ExportArtefact)
    case decision(ObjectionDecision)
    case recipient(RecipientNotification)
    /// The finding that no recipient received the data, so there is nobody to notify.
    case noRecipients(note: String?)
    /// The finding that the desk holds no data about the requester.
    case noDataHeld(note: String?)

    /// The kind of this evidence.
    public var kind: EvidenceKind {
        switch self {
        case .disclosure: return .disclosure
        case .change: return .change
        case .erasure: return .erasure
        case .restriction: return .restriction
        case .export: return .export
        case .decision: return .decision
        case .recipient: return .recipient
        case .noRecipients: return .noRecipients
        case .noDataHeld: return .noDataHeld
        }
    }

    /// Throws a one-sentence error when a field is missing or malformed, or when the evidence
    /// breaks a rule (a direct-marketing objection overridden).
    public func validate(directMarketing: Bool = false, consentWithdrawal: Bool = false) throws(DeskCoreError) {
        switch self {
        case .disclosure(let value): try value.validate()
        case .change(let value): try value.validate()
        case .erasure(let value): try value.validate()
        case .restriction(let value): try value.validate()
        case .export(let value): try value.validate()
        case .decision(let value): try value.validate(directMarketing: directMarketing, consentWithdrawal: consentWithdrawal)
        case .recipient(let value): try value.validate()
        case .noRecipients, .noDataHeld: return
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(EvidenceKind.self, forKey: .kind)
        switch kind {
        case .disclosure: self = .disclosure(try Disclosure(from: decoder))
        case .change: self = .change(try Change(from: decoder))
        case .erasure: self = .erasure(try ErasureJournalEntry(from: decoder))
        case .restriction: self = .restriction(try RestrictionScope(from: decoder))
        case .export: self = .export(try ExportArtefact(from: decoder))
        case .decision: self = .decision(try ObjectionDecision(from: decoder))
        case .recipient: self = .recipient(try RecipientNotification(from: decoder))
        case .noRecipients: self = .noRecipients(note: try container.decodeIfPresent(String.self, forKey: .note))
        case .noDataHeld: self = .noDataHeld(note: try container.decodeIfPresent(String.self, forKey: .note))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .disclosure(let value): try value.encode(to: encoder)
        case .change(let value): try value.encode(to: encoder)
        case .erasure(let value): try value.encode(to: encoder)
        case .restriction(let value): try value.encode(to: encoder)
        case .export(let value): try value.encode(to: encoder)
        case .decision(let value): try value.encode(to: encoder)
        case .recipient(let value): try value.encode(to: encoder)
        case .noRecipients(let note), .noDataHeld(let note):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(note, forKey: .note)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
    }
}
