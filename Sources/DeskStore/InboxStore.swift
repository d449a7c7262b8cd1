public import DeskCore
public import Foundation
public import Postgres

/// Intake items that need a person (SPEC §5): messages the intake could not turn into a request
/// (`triage`) or could not read (`quarantined`), and what the desk decided about them.
public struct InboxStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// One item waiting in the inbox, with what is known of its message.
    public struct Item: Sendable, Hashable {
        public let id: Int64
        public let messageID: Int64
        public let status: String
        public let reason: String?
        public let createdAt: Date
        public let receivedAt: Date
        public let fromName: String?
        public let fromEmail: String?
        public let subject: String?
        public let language: Language?
        /// The rights the classifier suggested, best first (empty when it suggested none).
        public let suggested: [RightScore]
    }

    static let selectItem: Query = """
        SELECT i.id, i.message_id, i.status, i.reason, i.created_at, coalesce(m.sent_at, m.imported_at),
               m.from_name, m.from_email, m.subject, m.language, i.suggested_kinds, i.suggested_probabilities::text[]
        FROM inbox_items i JOIN messages m ON m.id = i.message_id
        """

    /// Items still waiting (triage or quarantined), oldest first.
    public func open(limit: Int = 500) throws -> [Item] {
        try db.query(
            Self.selectItem + " WHERE i.status IN ('triage', 'quarantined') ORDER BY i.created_at, i.id LIMIT \(limit)"
        ).map(Self.item)
    }

    /// Turns an item into a request registered from its message, in one transaction.
    ///
    /// The requester's name and email come from the message's sender, the receipt time from its
    /// date (else when it was imported), the channel is email. Without `kind` the classifier's
    /// first suggestion is taken. A resolved item is refused. The choice is a label the desk
    /// learns from (`dsar intake train`).
    public func convert(
        _ id: Int64, kind: Right?, policy: String?, language: Language?, actor: String, now: Date
    ) throws -> StoredRequest {
        try db.withTransaction { db in
            let store = InboxStore(db)
            let item = try store.lockOpenItem(id)
            guard let kind = try kind ?? Self.acceptedSuggestion(item) else {
                throw StoreError(.inboxNoSuggestion, id: id)
            }
            guard let name = item.fromName ?? item.fromEmail, !name.isEmpty else {
                throw StoreError(.inboxNoSender, id: id)
            }
            let new = NewRequest(
                kind: kind, requesterName: name, email: item.fromEmail, language: language ?? item.language ?? .uzbekLatin,
                channel: .email, policy: policy, receivedAt: item.receivedAt, messageID: item.messageID)
            let request = try RequestStore(db).insert(new, actor: actor, now: now)
            try db.execute(
                """
                UPDATE inbox_items SET status = 'converted', request_id = \(request.id), resolved_at = \(now),
                                       resolved_by = \(actor)
                WHERE id = \(id)
                """)
            try AuditLog(db).append(
                .inboxConverted(inboxItemID: id, messageID: item.messageID, kind: kind, suggested: item.suggested.first?.right,
                                state: request.state),
                requestID: request.id, occurredAt: now, recordedAt: now, actor: actor)
            try IntakeLearningStore(db).label(messageID: item.messageID, rights: [kind], source: .convert, actor: actor, now: now)
            return request
        }
    }

    /// Below this probability the classifier's best guess is not a suggestion a person can accept
    /// without naming the right: the model itself calls a second right asked for only from 20 %
    /// (`RightClassifier.secondaryProbability`), and an invoice or a newsletter in the inbox comes
    /// with some right at 0–5 %. Converting such an item without `--kind` would register a request
    /// nobody made, so it is refused (exit 2) and the DPO names the right or dismisses the item.
    public static let acceptablePercent = 20
    public static let acceptableSuggestion = Double(acceptablePercent) / 100

    /// Whether `convert` takes a suggestion of this probability without `--kind`.
    public static func isAcceptable(_ probability: Double) -> Bool { probability >= acceptableSuggestion }

    /// A suggestion's probability in whole percent, as `dsar inbox` and its errors show it: a
    /// weak one is never rounded up to the bar it missed (19.6 % shows as 19, not 20).
    public static func percent(_ probability: Double) -> Int {
        let shown = Int((probability * 100).rounded())
        return isAcceptable(probability) ? shown : min(shown, acceptablePercent - 1)
    }

    /// The right `convert` takes without `--kind`: the first suggestion, when it is strong enough.
    static func acceptedSuggestion(_ item: Item) throws -> Right? {
        guard let best = item.suggested.first else { return nil }
        guard isAcceptable(best.probability) else {
            throw StoreError(.inboxWeakSuggestion, right: best.right, id: item.id, count: percent(best.probability))
        }
        return best.right
    }

    /// Dismisses an item; the reason is kept on the item, not in the audit log (it may name people).
    public func dismiss(_ id: Int64, reason: String, actor: String, now: Date) throws {
        try db.withTransaction { db in
            let item = try InboxStore(db).lockOpenItem(id)
            try db.execute(
                """
                UPDATE inbox_items SET status = 'dismissed', resolution = \(reason), resolved_at = \(now),
                                       resolved_by = \(actor)
                WHERE id = \(id)
                """)
            try AuditLog(db).append(
                .inboxDismissed(inboxItemID: id, messageID: item.messageID, previousStatus: item.status),
                requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
            // "Not a request" is a label too, unless the message could not even be read.
            if item.status == "triage" {
                try IntakeLearningStore(db).label(messageID: item.messageID, rights: [], source: .dismiss, actor: actor, now: now)
            }
        }
    }

    /// Locks an item for a decision; refuses one already converted or dismissed.
    func lockOpenItem(_ id: Int64) throws -> Item {
        guard let row = try db.query(Self.selectItem + " WHERE i.id = \(id) FOR UPDATE OF i").first else {
            throw StoreError(.inboxItemNotFound, id: id)
        }
        let item = try Self.item(row)
        guard item.status == "triage" || item.status == "quarantined" else {
            throw StoreError(.inboxItemDecided, value: item.status, id: id)
        }
        return item
    }

    static func item(_ row: Row) throws -> Item {
        let (id, messageID, status, reason, createdAt, receivedAt, fromName, fromEmail, subject, language, kinds, probabilities) =
            try row.decode((Int64, Int64, String, String?, Date, Date, String?, String?, String?, Language?,
                            PostgresTextArray, PostgresTextArray).self)
        let suggested = zip(kinds.elements, probabilities.elements).compactMap { kind, probability -> RightScore? in
            guard let right = kind.flatMap(Right.init(rawValue:)), let value = probability.flatMap(Double.init) else { return nil }
            return RightScore(right: right, probability: value)
        }
        return Item(
            id: id, messageID: messageID, status: status, reason: reason, createdAt: createdAt, receivedAt: receivedAt,
            fromName: fromName, fromEmail: fromEmail, subject: subject, language: language, suggested: suggested)
    }
}
