public import DeskCore
public import Foundation
import Postgres

extension RequestStore {
    /// `dsar reclassify`: a request the intake created from mail with the wrong right gets the right
    /// one, its due date recomputed from receipt under the new right's rule.
    ///
    /// Allowed only while nothing has been done on it: state `received`, no evidence, no letter
    /// but the acknowledgement, no extension, clarification or clock pause. After that the request
    /// is the record of work done under its right, and is refused (exit 4): close it and register
    /// the right one. Audited (`reclassified`), and a label the desk learns from.
    public func reclassify(_ reference: String, kind: Right, actor: String, now: Date) throws -> StoredRequest {
        try db.withRetryingTransaction { db in
            let store = RequestStore(db, policies: policies)
            let found = try store.find(reference)
            guard try db.query("SELECT 1 FROM requests WHERE id = \(found.id) FOR UPDATE").first != nil else {
                throw StoreError(.requestGone, reference: found.reference)
            }
            let request = try store.find(id: found.id)
            guard let messageID = request.messageID else {
                throw StoreError(.reclassifyNotFromMail, reference: request.reference)
            }
            guard request.kind != kind else {
                throw StoreError(.reclassifySameRight, reference: request.reference, right: kind)
            }
            if let work = try store.workDone(on: request) {
                throw StoreError(.reclassifyAfterWork, reference: request.reference, detail: work)
            }
            let entry = try store.catalog.load(request.policy)
            guard let rule = entry.policy.rule(for: kind) else {
                throw StoreError(.noDeadlineRule, right: kind, policy: entry.policy.code)
            }
            let due = DeadlineEngine.dueDate(receivedAt: request.receivedAt, rule: rule, timeZone: entry.timeZone, calendar: entry.calendar)
            // The objection flags describe an objection; another right carries neither.
            let keepsFlags = kind == .objection
            try db.execute(
                """
                UPDATE requests SET kind = \(kind), due_on = \(due), original_due_on = \(due),
                       direct_marketing = \(keepsFlags && request.directMarketing),
                       consent_withdrawal = \(keepsFlags && request.consentWithdrawal),
                       version = version + 1, updated_at = \(now), updated_by = \(actor)
                WHERE id = \(request.id)
                """)
            try AuditLog(db).append(
                .reclassified(from: request.kind, to: kind, fromDueOn: request.dueOn, toDueOn: due, messageID: messageID,
                              state: request.state),
                requestID: request.id, occurredAt: now, recordedAt: now, actor: actor)
            // The label: this right first, then those of the sibling requests from the same message.
            let siblings = try db.query(
                "SELECT kind FROM requests WHERE message_id = \(messageID) AND id <> \(request.id) ORDER BY id"
            ).map { try $0.decode(column: 0, as: Right.self) }
            var rights = [kind]
            for sibling in siblings where !rights.contains(sibling) { rights.append(sibling) }
            try IntakeLearningStore(db).label(messageID: messageID, rights: rights, source: .reclassify, actor: actor, now: now)
            return try store.find(id: request.id)
        }
    }

    /// What has been done on a request, in words; nil when nothing has.
    func workDone(on request: StoredRequest) throws -> String? {
        if request.state != .received { return "it is \(request.state.rawValue)" }
        if request.extendedBy != nil { return "its deadline was extended" }
        let row = try db.query(
            """
            SELECT (SELECT count(*) FROM evidence WHERE request_id = \(request.id)),
                   (SELECT count(*) FROM letters WHERE request_id = \(request.id) AND kind <> 'acknowledgement'),
                   (SELECT count(*) FROM clock_pauses WHERE request_id = \(request.id)),
                   (SELECT count(*) FROM clarifications WHERE request_id = \(request.id))
            """
        ).first
        guard let (evidence, letters, pauses, clarifications) = try row?.decode((Int, Int, Int, Int).self) else { return nil }
        if evidence > 0 { return "evidence was recorded on it" }
        if letters > 0 { return "letters other than the acknowledgement were produced" }
        if pauses > 0 { return "its clock was paused" }
        if clarifications > 0 { return "the requester was asked to clarify" }
        return nil
    }
}
