import DeskCore
import Foundation

/// A request as a change left it, built from the row read before the change and what the change
/// wrote, so that an audited change need not read the whole row back (`AuditLog.ChainedWrite.returning`
/// gives the values the writer did not choose).
extension StoredRequest {
    /// After `dsar claim` or an assignment to `assignee`.
    func assigned(to assignee: String, version: Int, updatedAt: Date) -> StoredRequest {
        var changed = self
        changed.assignee = assignee
        changed.version = version
        changed.updatedAt = updatedAt
        changed.updatedBy = assignee
        return changed
    }

    /// After a lifecycle step (`RequestStore.apply`) by `updatedBy`.
    func transitioned(
        state: RequestState, dueOn: LocalDate, extendedBy: Period?, pausedSince: Date?, closedAt: Date?, ground: RefusalGround?,
        closeNote: String?, version: Int, updatedAt: Date, updatedBy: String
    ) -> StoredRequest {
        var changed = self
        changed.state = state
        changed.dueOn = dueOn
        changed.extendedBy = extendedBy
        changed.pausedSince = pausedSince
        changed.closedAt = closedAt
        changed.ground = ground
        changed.closeNote = closeNote
        changed.version = version
        changed.updatedAt = updatedAt
        changed.updatedBy = updatedBy
        return changed
    }
}
