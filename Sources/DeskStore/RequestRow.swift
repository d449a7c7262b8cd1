import DeskCore
import Foundation
import Postgres

/// A request with its requester as every reader of requests selects it (`RequestStore`,
/// `QueueQuery`, the intake's batch writer): one select list, decoded by column name into a
/// `StoredRequest`. `r` is the requests row, `q` its requester; the requester's columns are
/// renamed so that no two columns share a name.
enum RequestRow {
    static let columns = """
        r.id, r.reference, r.case_id, r.kind, r.state, r.policy, r.channel, r.details, r.direct_marketing,
        r.consent_withdrawal, r.message_id, r.received_at, r.due_on, r.original_due_on, r.extended_by,
        r.paused_since, r.closed_at, r.ground, r.close_note, r.assignee, r.version, r.updated_at, r.updated_by,
        q.id AS requester_id, q.name AS requester_name, q.email AS requester_email, q.phone AS requester_phone,
        q.language AS requester_language
        """

    /// `SELECT <columns> FROM requests r JOIN requesters q …`, for a `WHERE` to follow.
    static let select = "SELECT " + columns + " FROM requests r JOIN requesters q ON q.id = r.requester_id"

    /// The request of one row that has `columns` (by name, in any position).
    static func decode(_ row: Postgres.Row) throws -> StoredRequest {
        let reference: String = try row.decode("reference")
        let extendedText: String? = try row.decode("extended_by")
        let extendedBy = try extendedText.map { text -> Period in
            do { return try Period(parsing: text, bareUnit: nil) } catch {
                throw StoreError(.extensionUnreadable, reference: reference, value: text)
            }
        }
        let requester = StoredRequest.Requester(
            id: try row.decode("requester_id"), name: try row.decode("requester_name"), email: try row.decode("requester_email"),
            phone: try row.decode("requester_phone"), language: try row.decode("requester_language"))
        return StoredRequest(
            id: try row.decode("id"), reference: reference, caseID: try row.decode("case_id"), kind: try row.decode("kind"),
            state: try row.decode("state"), policy: try row.decode("policy"), requester: requester,
            channel: try row.decode("channel"), details: try row.decode("details"),
            directMarketing: try row.decode("direct_marketing"), consentWithdrawal: try row.decode("consent_withdrawal"),
            messageID: try row.decode("message_id"), receivedAt: try row.decode("received_at"), dueOn: try row.decode("due_on"),
            originalDueOn: try row.decode("original_due_on"), extendedBy: extendedBy,
            pausedSince: try row.decode("paused_since"), closedAt: try row.decode("closed_at"), ground: try row.decode("ground"),
            closeNote: try row.decode("close_note"), assignee: try row.decode("assignee"), version: try row.decode("version"),
            updatedAt: try row.decode("updated_at"), updatedBy: try row.decode("updated_by"))
    }

    /// One request by its reference (already checked to be one).
    struct ByReference: RequestStatement {
        static let sql = RequestRow.select + " WHERE r.reference = $1"
        let reference: String
        func makeBindings() -> [PostgresBinding] { [reference.postgresBinding] }
    }

    /// `ByReference` with the request's audit chain head (`AuditLog.headColumns`).
    struct ByReferenceWithHead: RequestStatement {
        static let sql = "SELECT " + columns + ", " + AuditLog.headColumns
            + " FROM requests r JOIN requesters q ON q.id = r.requester_id WHERE r.reference = $1"
        let reference: String
        func makeBindings() -> [PostgresBinding] { [reference.postgresBinding] }
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
