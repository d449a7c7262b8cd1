import DeskCore
import Foundation

/// A request as a change left it, built from the row read before the change and what the change
/// wrote, so that an audited change need not read the whole row back (`AuditLog.ChainedWrite.returning`
/// gives the values the writer did not choose).
extension StoredRequest {
    /// After `dsar claim` or an assignment to `assignee`.
    func assigned(to assignee: String, version: Int, updatedAt: Date) -> StoredRequest {
        StoredRequest(
            id: id, reference: reference, caseID: caseID, kind: kind, state: state, policy: policy, requester: requester,
            channel: channel, details: details, directMarketing: directMarketing, consentWithdrawal: consentWithdrawal,
            messageID: messageID, receivedAt: receivedAt, dueOn: dueOn, originalDueOn: originalDueOn, extendedBy: extendedBy,
            pausedSince: pausedSince, closedAt: closedAt, ground: ground, closeNote: closeNote, assignee: assignee,
            version: version, updatedAt: updatedAt, updatedBy: assignee)
    }

    /// After a lifecycle step (`RequestStore.apply`) by `updatedBy`.
    func transitioned(
        state: RequestState, dueOn: LocalDate, extendedBy: Period?, pausedSince: Date?, closedAt: Date?, ground: RefusalGround?,
        closeNote: String?, version: Int, updatedAt: Date, updatedBy: String
    ) -> StoredRequest {
        StoredRequest(
            id: id, reference: reference, caseID: caseID, kind: kind, state: state, policy: policy, requester: requester,
            channel: channel, details: details, directMarketing: directMarketing, consentWithdrawal: consentWithdrawal,
            messageID: messageID, receivedAt: receivedAt, dueOn: dueOn, originalDueOn: originalDueOn, extendedBy: extendedBy,
            pausedSince: pausedSince, closedAt: closedAt, ground: ground, closeNote: closeNote, assignee: assignee,
            version: version, updatedAt: updatedAt, updatedBy: updatedBy)
    }
}
