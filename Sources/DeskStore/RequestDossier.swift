public import DeskCore
public import Foundation
public import Postgres

/// Everything about one request for `dsar show`: the request, its timeline, evidence, letters
/// and messages, read in one go.
public struct RequestDossier: Sendable {
    public struct EvidenceItem: Sendable {
        public let id: Int64
        public let kind: EvidenceKind
        /// The evidence fields as stored (canonical JSON).
        public let details: String
        public let occurredAt: Date
        public let recordedBy: String
    }

    public struct LetterItem: Sendable {
        public let id: Int64
        public let kind: String
        public let language: String
        public let format: String
        public let verificationCode: String
        public let producedAt: Date
        public let producedBy: String
    }

    public struct MessageItem: Sendable {
        public let id: Int64
        public let status: String
        public let subject: String?
        public let fromEmail: String?
        public let sentAt: Date?
        public let importedAt: Date
    }

    public struct ExtensionItem: Sendable {
        public let period: String
        public let reason: String
        public let grantedAt: Date
    }

    public let request: StoredRequest
    public let policyName: String
    public let legalSource: String
    /// Working days from today to the due date on the policy's calendar (negative when overdue).
    public let daysLeft: Int
    public let events: [AuditEntry]
    public let evidence: [EvidenceItem]
    public let letters: [LetterItem]
    public let messages: [MessageItem]
    public let extensions: [ExtensionItem]
    /// Due dates in the order they were set: (when, due date).
    public let dueHistory: [(at: Date, dueOn: String)]

    /// Loads the dossier of `reference`; `now` decides the days left.
    public static func load(_ reference: String, db: Connection, now: Date) throws -> RequestDossier {
        let request = try RequestStore(db).find(reference)
        let entry = try PolicyCatalog(db).load(request.policy)
        let today = LocalDate(now, in: entry.timeZone)
        let events = try AuditLog(db).events(requestID: request.id)
        let evidence = try db.query(
            "SELECT id, kind, details::text, occurred_at, recorded_by FROM evidence WHERE request_id = \(request.id) ORDER BY occurred_at, id"
        ).map { row in
            let (id, kind, details, occurred, by) = try row.decode((Int64, EvidenceKind, String, Date, String).self)
            return EvidenceItem(id: id, kind: kind, details: details, occurredAt: occurred, recordedBy: by)
        }
        let letters = try db.query(
            """
            SELECT id, kind, language, format, verification_code, produced_at, produced_by
            FROM letters WHERE request_id = \(request.id) ORDER BY produced_at, id
            """
        ).map { row in
            let (id, kind, language, format, code, produced, by) = try row.decode((Int64, String, String, String, String, Date, String).self)
            return LetterItem(id: id, kind: kind, language: language, format: format, verificationCode: code, producedAt: produced, producedBy: by)
        }
        let messages = try db.query(
            """
            SELECT id, status, subject, from_email, sent_at, imported_at
            FROM messages WHERE request_id = \(request.id) OR id = \(request.messageID) ORDER BY coalesce(sent_at, imported_at), id
            """
        ).map { row in
            let (id, status, subject, from, sent, imported) = try row.decode((Int64, String, String?, String?, Date?, Date).self)
            return MessageItem(id: id, status: status, subject: subject, fromEmail: from, sentAt: sent, importedAt: imported)
        }
        let extensions = try db.query(
            "SELECT period, reason, granted_at FROM extensions WHERE request_id = \(request.id) ORDER BY granted_at, id"
        ).map { row in
            let (period, reason, granted) = try row.decode((String, String, Date).self)
            return ExtensionItem(period: period, reason: reason, grantedAt: granted)
        }
        var history: [(at: Date, dueOn: String)] = []
        for event in events {
            guard let data = event.payload.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let due = object["due_on"] as? String
            else { continue }
            if history.last?.dueOn != due { history.append((at: event.occurredAt, dueOn: due)) }
        }
        return RequestDossier(
            request: request, policyName: entry.policy.name,
            legalSource: entry.policy.rule(for: request.kind, consentWithdrawal: request.consentWithdrawal)?.source ?? "",
            daysLeft: entry.calendar.workingDays(from: today, to: request.dueOn), events: events, evidence: evidence,
            letters: letters, messages: messages, extensions: extensions, dueHistory: history)
    }
}
