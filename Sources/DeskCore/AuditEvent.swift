/// What the audit log records (SPEC §3): the one way to name an event and build its payload.
///
/// Every event has a typed constructor; the payload refers to people and rows by id and never
/// holds personal data. The names stored in `events.event` come from here only (`Name`).
public struct AuditEvent: Sendable, Hashable {
    fileprivate enum Kind: Sendable, Hashable {
        case received, assigned, extend, evidenceRecorded, letterProduced, replyReceived, inboxConverted
        case inboxDismissed, settingChanged, holidayAdded, holidayRemoved, retentionPurge
        case reclassified, intakeModelTrained
        case letterSent, letterBounced
        case lifecycle(LifecycleEvent)

        var name: String {
            switch self {
            case .received: "received"
            case .assigned: "assigned"
            case .extend: "extend"
            case .evidenceRecorded: "evidence_recorded"
            case .letterProduced: "letter_produced"
            case .replyReceived: "reply_received"
            case .inboxConverted: "inbox_converted"
            case .inboxDismissed: "inbox_dismissed"
            case .settingChanged: "setting_changed"
            case .holidayAdded: "holiday_added"
            case .holidayRemoved: "holiday_removed"
            case .retentionPurge: "retention_purge"
            case .reclassified: "reclassified"
            case .intakeModelTrained: "intake_model_trained"
            case .letterSent: "letter_sent"
            case .letterBounced: "letter_bounced"
            case .lifecycle(let event): event.rawValue
            }
        }
    }

    /// An event's stored name, for queries that look events up (`WHERE event = …`).
    public struct Name: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        fileprivate init(_ kind: Kind) { rawValue = kind.name }

        public var description: String { rawValue }

        public static let received = Name(.received)
        public static let assigned = Name(.assigned)
        public static let extend = Name(.extend)
        public static let evidenceRecorded = Name(.evidenceRecorded)
        public static let letterProduced = Name(.letterProduced)
        public static let replyReceived = Name(.replyReceived)
        public static let inboxConverted = Name(.inboxConverted)
        public static let inboxDismissed = Name(.inboxDismissed)
        public static let settingChanged = Name(.settingChanged)
        public static let holidayAdded = Name(.holidayAdded)
        public static let holidayRemoved = Name(.holidayRemoved)
        public static let retentionPurge = Name(.retentionPurge)
        public static let reclassified = Name(.reclassified)
        public static let intakeModelTrained = Name(.intakeModelTrained)
        public static let letterSent = Name(.letterSent)
        public static let letterBounced = Name(.letterBounced)
        public static func lifecycle(_ event: LifecycleEvent) -> Name { Name(.lifecycle(event)) }
    }

    fileprivate let kind: Kind
    /// The request's state before and after (nil for desk-wide events).
    public let fromState: RequestState?
    public let toState: RequestState?
    /// The payload as values; `PayloadEncoder` turns it into the canonical JSON that is hashed.
    public private(set) var payload: [String: PayloadValue]

    fileprivate init(_ kind: Kind, from: RequestState? = nil, to: RequestState? = nil, _ payload: [String: PayloadValue]) {
        self.kind = kind
        self.fromState = from
        self.toState = to
        self.payload = payload
    }

    public var name: Name { Name(kind) }
    /// The canonical JSON of the payload.
    public var encodedPayload: String { PayloadEncoder.encode(payload) }

    // MARK: Request events

    /// A request was registered (by hand, from the inbox, from intake or by the demo).
    public static func received(
        reference: String, kind: Right, policy: String, channel: Channel, requesterID: Int64, caseID: Int64,
        dueOn: LocalDate, source: String
    ) -> AuditEvent {
        AuditEvent(.received, to: .received, [
            "reference": .string(reference), "kind": .string(kind.rawValue), "policy": .string(policy),
            "channel": .string(channel.rawValue), "requester_id": .int(requesterID), "case_id": .int(caseID),
            "due_on": .string(dueOn.iso), "source": .string(source),
        ])
    }

    /// A lifecycle step (`start`, `close_refused`, …) or, with `event` nil, an extension.
    public static func transition(
        _ event: LifecycleEvent?, from: RequestState, to: RequestState, dueOn: LocalDate, previousDueOn: LocalDate?,
        ground: RefusalGround? = nil, extendedBy: Period? = nil, extendedTotal: Period? = nil, clock: ClockEffect = .unchanged
    ) -> AuditEvent {
        var payload: [String: PayloadValue] = ["due_on": .string(dueOn.iso)]
        if let previousDueOn, previousDueOn != dueOn { payload["previous_due_on"] = .string(previousDueOn.iso) }
        if let ground { payload["ground"] = .string(ground.rawValue) }
        if let extendedBy {
            payload["extended_by"] = .string(extendedBy.description)
            payload["extended_total"] = .string((extendedTotal ?? extendedBy).description)
        }
        if clock != .unchanged { payload["clock"] = .string(clock.rawValue) }
        return AuditEvent(event.map { .lifecycle($0) } ?? .extend, from: from, to: to, payload)
    }

    /// The request was given to a desk member (`claimed` when they took it from the queue), or taken back.
    public static func assigned(
        to assignee: String?, previous: String? = nil, claimed: Bool = false, state: RequestState
    ) -> AuditEvent {
        var payload: [String: PayloadValue] = ["assignee": assignee.map { .string($0) } ?? .null]
        if let previous { payload["previous_assignee"] = .string(previous) }
        if claimed { payload["claimed"] = .bool(true) }
        return AuditEvent(.assigned, from: state, to: state, payload)
    }

    /// Evidence was recorded; its details stay in `evidence`, only the id and kind are audited.
    /// `evidenceID` is nil while a bulk writer has yet to number the row (`numbered(evidenceID:)`).
    public static func evidenceRecorded(evidenceID: Int64?, kind: EvidenceKind, state: RequestState) -> AuditEvent {
        var payload: [String: PayloadValue] = ["evidence_kind": .string(kind.rawValue)]
        if let evidenceID { payload["evidence_id"] = .int(evidenceID) }
        return AuditEvent(.evidenceRecorded, from: state, to: state, payload)
    }

    /// A letter was produced (its text stays in `letters`).
    public static func letterProduced(
        letterID: Int64?, kind: String, language: Language, format: String, state: RequestState
    ) -> AuditEvent {
        var payload: [String: PayloadValue] = [
            "kind": .string(kind), "language": .string(language.rawValue), "format": .string(format),
        ]
        if let letterID { payload["letter_id"] = .int(letterID) }
        return AuditEvent(.letterProduced, from: state, to: state, payload)
    }

    /// A request made from mail was given another right before work started (`dsar reclassify`).
    public static func reclassified(
        from oldKind: Right, to newKind: Right, fromDueOn: LocalDate, toDueOn: LocalDate, messageID: Int64, state: RequestState
    ) -> AuditEvent {
        AuditEvent(.reclassified, from: state, to: state, [
            "from_kind": .string(oldKind.rawValue), "to_kind": .string(newKind.rawValue),
            "from_due_on": .string(fromDueOn.iso), "to_due_on": .string(toDueOn.iso), "message_id": .int(messageID),
        ])
    }

    /// The outbox handed a letter to the SMTP server, which accepted it (`replyCode`, e.g. 250), or
    /// a person recorded that an uncertain letter did go out (`markedByHand`). The address is not
    /// audited: it is on the outbox row.
    public static func letterSent(
        letterID: Int64, outboxID: Int64, attempt: Int?, replyCode: Int?, markedByHand: Bool = false, state: RequestState
    ) -> AuditEvent {
        var payload: [String: PayloadValue] = ["letter_id": .int(letterID), "outbox_id": .int(outboxID)]
        if let attempt { payload["attempt"] = .int(Int64(attempt)) }
        if let replyCode { payload["reply_code"] = .int(Int64(replyCode)) }
        if markedByHand { payload["marked_by_hand"] = .bool(true) }
        return AuditEvent(.letterSent, from: state, to: state, payload)
    }

    /// A delivery report came back for a sent letter (its reason is on the outbox row: it names the address).
    public static func letterBounced(letterID: Int64, outboxID: Int64, state: RequestState) -> AuditEvent {
        AuditEvent(.letterBounced, from: state, to: state, ["letter_id": .int(letterID), "outbox_id": .int(outboxID)])
    }

    /// A message answering the request arrived.
    public static func replyReceived(messageID: Int64, state: RequestState) -> AuditEvent {
        AuditEvent(.replyReceived, from: state, to: state, ["message_id": .int(messageID)])
    }

    /// An inbox item became a request.
    /// `suggested` is the right the classifier had suggested (the DPO's choice is `kind`).
    public static func inboxConverted(
        inboxItemID: Int64, messageID: Int64, kind: Right, suggested: Right? = nil, state: RequestState
    ) -> AuditEvent {
        var payload: [String: PayloadValue] = [
            "inbox_item_id": .int(inboxItemID), "message_id": .int(messageID), "kind": .string(kind.rawValue),
        ]
        if let suggested { payload["suggested"] = .string(suggested.rawValue) }
        return AuditEvent(.inboxConverted, to: state, payload)
    }

    /// The same event with the id of the evidence or letter row it names, once a bulk writer numbered it.
    public func numbered(evidenceID: Int64? = nil, letterID: Int64? = nil) -> AuditEvent {
        var copy = self
        if let evidenceID { copy.payload["evidence_id"] = .int(evidenceID) }
        if let letterID { copy.payload["letter_id"] = .int(letterID) }
        return copy
    }

    // MARK: Desk-wide events (the desk chain)

    /// An inbox item was dismissed; the reason stays on the item (it may name people).
    public static func inboxDismissed(inboxItemID: Int64, messageID: Int64, previousStatus: String) -> AuditEvent {
        AuditEvent(.inboxDismissed, [
            "inbox_item_id": .int(inboxItemID), "message_id": .int(messageID), "previous_status": .string(previousStatus),
        ])
    }

    /// A setting changed (its value is in `settings`).
    public static func settingChanged(key: String) -> AuditEvent {
        AuditEvent(.settingChanged, ["key": .string(key)])
    }

    /// A calendar entry was added: a day off or a worked rest day (`kind`), for a week pattern.
    public static func holidayAdded(calendar: String, day: LocalDate, kind: String? = nil, week: String? = nil) -> AuditEvent {
        var payload: [String: PayloadValue] = ["calendar": .string(calendar), "day": .string(day.iso)]
        if let kind { payload["kind"] = .string(kind) }
        if let week { payload["week"] = .string(week) }
        return AuditEvent(.holidayAdded, payload)
    }

    /// A calendar entry was removed (for one week pattern, or both).
    public static func holidayRemoved(calendar: String, day: LocalDate, week: String? = nil) -> AuditEvent {
        var payload: [String: PayloadValue] = ["calendar": .string(calendar), "day": .string(day.iso)]
        if let week { payload["week"] = .string(week) }
        return AuditEvent(.holidayRemoved, payload)
    }

    /// `dsar intake train` stored the desk's model (its bytes are in `intake_models`).
    public static func intakeModelTrained(modelID: Int64, sha256: String, corpusMessages: Int, deskMessages: Int) -> AuditEvent {
        AuditEvent(.intakeModelTrained, [
            "model_id": .int(modelID), "sha256": .string(sha256), "corpus_messages": .int(Int64(corpusMessages)),
            "desk_messages": .int(Int64(deskMessages)),
        ])
    }

    /// `dsar purge` anonymised closed requests: how many rows of each kind.
    public static func retentionPurge(closedBefore: LocalDate, counts: [String: Int]) -> AuditEvent {
        var payload: [String: PayloadValue] = ["closed_before": .string(closedBefore.iso)]
        for (key, count) in counts { payload[key] = .int(Int64(count)) }
        return AuditEvent(.retentionPurge, payload)
    }
}
