/// Verification of the audit log's hash chains: each request's, the desk's, and the legacy chain
/// of the rows written before migration 0090.
public enum AuditChain {
    /// Why the chain breaks at a row.
    public enum BreakReason: String, Sendable, Hashable, Codable {
        /// The row's content does not match its hash: it was edited.
        case hashMismatch = "hash_mismatch"
        /// A sequence number is missing before this row: a row was deleted.
        case sequenceGap = "sequence_gap"
        /// The sequence goes backwards or repeats: rows were reordered or duplicated.
        case outOfOrder = "out_of_order"
        /// The row does not point at the previous row's hash: a row was deleted or replaced.
        case prevHashMismatch = "prev_hash_mismatch"
        /// The log ends before the head every append moves (`audit_head`): its newest rows were deleted.
        case missingTail = "missing_tail"
        /// A sealed leaf is missing, doubled or out of place: events were deleted, inserted or resealed.
        case sealedLeaves = "sealed_leaves"
        /// The events of a seal no longer hash to its root: history was rewritten.
        case sealRoot = "seal_root"
        /// A seal row does not follow the previous one (root, size, number): a seal was edited or removed.
        case sealChain = "seal_chain"
        /// A request's newest event is not the chain head its row records: an event was added to
        /// or removed from the end of the chain without the head.
        case chainHead = "chain_head"
    }

    /// The first row at which the chain breaks.
    public struct Break: Sendable, Hashable {
        /// Index in the array that was checked.
        public let index: Int
        public let sequence: Int64
        public let reason: BreakReason

        public init(index: Int, sequence: Int64, reason: BreakReason) {
            self.index = index
            self.sequence = sequence
            self.reason = reason
        }
    }

    /// The first broken row of `entries` (the whole log, in stored order), or nil when the chain holds.
    ///
    /// Relies on gap-free sequence numbers starting at 1: the store assigns them inside the
    /// transaction that appends the row, not from a PostgreSQL sequence (which leaves gaps on rollback).
    ///
    /// `after` is the last row already checked, for walking a long chain page by page.
    public static func firstBrokenEntry(in entries: [AuditEntry], after checked: AuditEntry? = nil) -> Break? {
        var previous: AuditEntry? = checked
        for (index, entry) in entries.enumerated() {
            let expectedSequence = (previous?.sequence ?? 0) + 1
            if entry.sequence < expectedSequence {
                return Break(index: index, sequence: entry.sequence, reason: .outOfOrder)
            }
            if entry.sequence > expectedSequence {
                return Break(index: index, sequence: entry.sequence, reason: .sequenceGap)
            }
            if entry.computedHash != entry.hash {
                return Break(index: index, sequence: entry.sequence, reason: .hashMismatch)
            }
            if entry.prevHash != (previous?.hash ?? AuditEntry.genesisHash) {
                return Break(index: index, sequence: entry.sequence, reason: .prevHashMismatch)
            }
            previous = entry
        }
        return nil
    }

    /// The first broken row of one request's (or the desk's) chain, given in chain-position order.
    ///
    /// Positions run from 1 without gaps (the unique index on request and position keeps them
    /// so); every row points at the previous row's hash, the first at `genesisHash`.
    public static func firstBrokenEntry(inChain entries: [AuditEntry]) -> Break? {
        firstBrokenEntry(inChain: entries, computedHashes: entries.map(\.computedHash))
    }

    /// The same, with each row's `computedHash` already worked out (`AuditEntry.hashes`).
    public static func firstBrokenEntry(inChain entries: [AuditEntry], computedHashes: [String]) -> Break? {
        var previous: AuditEntry?
        for (index, entry) in entries.enumerated() {
            let expected = (previous?.chainPosition ?? 0) + 1
            let position = entry.chainPosition ?? 0
            if position < expected || (previous.map { entry.sequence <= $0.sequence } ?? false) {
                return Break(index: index, sequence: entry.sequence, reason: .outOfOrder)
            }
            if position > expected {
                return Break(index: index, sequence: entry.sequence, reason: .sequenceGap)
            }
            if computedHashes[index] != entry.hash {
                return Break(index: index, sequence: entry.sequence, reason: .hashMismatch)
            }
            if entry.prevHash != (previous?.hash ?? AuditEntry.genesisHash) {
                return Break(index: index, sequence: entry.sequence, reason: .prevHashMismatch)
            }
            previous = entry
        }
        return nil
    }
}
