public import DeskCore
public import DeskStore

extension DeskFailure {
    /// Where the audit chain breaks, in one sentence (`dsar audit verify`, `dsar db migrate`).
    public static func sentence(_ broken: AuditChain.Break) -> String {
        let n = broken.sequence
        switch broken.reason {
        case .hashMismatch: return "Audit row \(n) was altered: its content does not match its hash."
        case .sequenceGap: return "Audit rows before \(n) are missing: the sequence has a gap."
        case .outOfOrder: return "Audit row \(n) is out of order."
        case .prevHashMismatch: return "Audit row \(n) does not follow the previous row's hash: a row was removed or replaced."
        case .missingTail: return "Audit rows up to \(n) are missing: the log ends before its recorded head."
        case .sealedLeaves: return "The sealed events around leaf \(n) are not the ones sealed: events were deleted, added or resealed."
        case .sealRoot: return "The events of seal \(n) no longer hash to its root: sealed history was rewritten."
        case .sealChain: return "Seal \(n) does not follow the previous seal: a seal row was edited or removed."
        case .chainHead:
            return "Audit row \(n) is not the newest event its request records: events were added to or removed from the end of the request's chain."
        }
    }

    /// Why today's log does not extend an earlier digest.
    public static func sentence(_ why: AuditLog.NotExtending) -> String {
        switch why {
        case .cutBack(let old, let size):
            return "The digest \(old.token) covers \(old.size) events but today's sealed log holds \(size): the log was cut back since that digest."
        case .rewritten(let old):
            return "Today's log does not extend the digest \(old.token): its first \(old.size) events are not the ones that digest sealed, so history was rewritten since."
        }
    }

    /// Why a proof does not hold against `digest` (`dsar audit check-proof`).
    public static func sentence(_ failure: AuditProof.Failure, against digest: AuditDigest) -> String {
        switch failure {
        case .otherDigest(let size, let root):
            return "The proof is for the digest \(size):\(root), not \(digest.token); check it against the digest it names, or ask for a new proof."
        case .noEvents: return "The proof holds no events."
        case .unreadableEvent(let seq): return "Event #\(seq) in the proof has a field that cannot be read."
        case .hashMismatch(let seq): return "Event #\(seq) does not match its hash: its content was changed after it was logged."
        case .leafMismatch(let seq): return "Event #\(seq) does not match its leaf hash."
        case .notIncluded(let seq):
            return "Event #\(seq) is not included in the log of digest \(digest.token): its audit path does not lead to the root."
        }
    }
}
