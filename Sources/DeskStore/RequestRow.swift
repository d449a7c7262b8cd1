import DeskCore
import Foundation
import Postgres

/// A request with its requester as every reader of requests selects it (`RequestStore`,
/// `QueueQuery`, the intake's batch writer): one select list, decoded by position into a
/// `StoredRequest`, so every statement puts `columns` first (a statement's own columns follow,
/// from `RequestRow.count` on). `r` is the requests row, `q` its requester; the requester's
/// columns are renamed so that no two columns share a name.
enum RequestRow {
    static let columns = """
        r.id, r.reference, r.case_id, r.kind, r.state, r.policy, r.channel, r.details, r.direct_marketing,
        r.consent_withdrawal, r.message_id, r.received_at, r.due_on, r.original_due_on, r.extended_by,
        r.paused_since, r.closed_at, r.ground, r.close_note, r.assignee, r.version, r.updated_at, r.updated_by,
        q.id AS requester_id, q.name AS requester_name, q.email AS requester_email, q.phone AS requester_phone,
        q.language AS requester_language
        """

    /// How many columns `columns` has: the position of the first column after them.
    static let count = 28

    /// `SELECT <columns> FROM requests r JOIN requesters q …`, for a `WHERE` to follow.
    static let select = "SELECT " + columns + " FROM requests r JOIN requesters q ON q.id = r.requester_id"

    /// The request of one row that starts with `columns`.
    static func decode(_ row: Postgres.Row) throws -> StoredRequest {
        let (id, reference, caseID, kind, state, policy, channel, details, directMarketing, consentWithdrawal, messageID) =
            try row.decode((Int64, String, Int64, Right, RequestState, String, Channel, String?, Bool, Bool, Int64?).self)
        let (receivedAt, dueOn, originalDueOn, extendedText, pausedSince, closedAt, ground, closeNote, assignee) =
            try row.decode((Date, LocalDate, LocalDate, String?, Date?, Date?, RefusalGround?, String?, String?).self, from: 11)
        let (version, updatedAt, updatedBy, requesterID, name, email, phone, language) =
            try row.decode((Int, Date, String, Int64, String, String?, String?, Language).self, from: 20)
        let extendedBy = try extendedText.map { text -> Period in
            do { return try Period(parsing: text, bareUnit: nil) } catch {
                throw StoreError(.extensionUnreadable, reference: reference, value: text)
            }
        }
        return StoredRequest(
            id: id, reference: reference, caseID: caseID, kind: kind, state: state, policy: policy,
            requester: StoredRequest.Requester(id: requesterID, name: name, email: email, phone: phone, language: language),
            channel: channel, details: details, directMarketing: directMarketing, consentWithdrawal: consentWithdrawal,
            messageID: messageID, receivedAt: receivedAt, dueOn: dueOn, originalDueOn: originalDueOn, extendedBy: extendedBy,
            pausedSince: pausedSince, closedAt: closedAt, ground: ground, closeNote: closeNote, assignee: assignee,
            version: version, updatedAt: updatedAt, updatedBy: updatedBy)
    }

    /// One request by its reference (already checked to be one).
    struct ByReference: RequestStatement {
        static let sql = RequestRow.select + " WHERE r.reference = $1"
        let reference: String
        func makeBindings() -> [PostgresBinding] { [reference.postgresBinding] }
    }

    /// `ByReference` with the request's audit chain head (`AuditLog.headColumns`) and, after it,
    /// what a lifecycle step decides on besides the row (`RequestStore.Facts`): the kinds of
    /// evidence recorded (`,`-separated), the completed clock pauses (`start|end` as the server
    /// prints them, `,`-separated, in order) and whether a restriction lift notice was produced.
    struct ForChange: Statement {
        static let sql = "SELECT " + columns + ", " + AuditLog.headColumns + """
            ,
                   (SELECT string_agg(e.kind::text, ',' ORDER BY e.id) FROM evidence e WHERE e.request_id = r.id),
                   (SELECT string_agg(p.started_at::text || '|' || p.ended_at::text, ',' ORDER BY p.started_at, p.id)
                    FROM clock_pauses p WHERE p.request_id = r.id AND p.ended_at IS NOT NULL),
                   EXISTS (SELECT 1 FROM letters l WHERE l.request_id = r.id AND l.kind = 'restriction_lift_notice')
            FROM requests r JOIN requesters q ON q.id = r.requester_id WHERE r.reference = $1
            """
        /// Where the facts start: after the row and the head.
        static let factsColumn = RequestRow.count + 3

        let reference: String
        func makeBindings() -> [PostgresBinding] { [reference.postgresBinding] }
        func decodeRow(_ row: Postgres.Row) throws -> Postgres.Row { row }
    }

    /// `ByReference`, locked `FOR NO KEY UPDATE` inside the caller's transaction (see
    /// `RequestStore.find`): a writer that appends to the request's audit chain moves its head.
    struct ByReferenceLocked: RequestStatement {
        static let sql = ByReference.sql + " FOR NO KEY UPDATE OF r"
        let reference: String
        func makeBindings() -> [PostgresBinding] { [reference.postgresBinding] }
    }

    /// One request by its id.
    struct ByID: RequestStatement {
        static let sql = RequestRow.select + " WHERE r.id = $1"
        let id: Int64
        func makeBindings() -> [PostgresBinding] { [id.postgresBinding] }
    }

    /// The requests of some ids, in no particular order.
    struct ByIDs: RequestStatement {
        static let sql = RequestRow.select + " WHERE r.id = ANY($1::bigint[])"
        let ids: [Int64]
        func makeBindings() -> [PostgresBinding] { [PostgresTextArray(ids.map(String.init)).postgresBinding] }
    }
}

/// A statement whose rows are `RequestRow`s.
protocol RequestStatement: Statement where Row == StoredRequest {}

extension RequestStatement {
    func decodeRow(_ row: Postgres.Row) throws -> StoredRequest { try RequestRow.decode(row) }
}
