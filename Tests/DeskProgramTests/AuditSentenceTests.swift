import DeskCore
import DeskProgram
import DeskStore
import Testing

/// DeskCore and DeskStore report a broken chain, a proof that does not hold and a digest today's
/// log does not extend as values; DeskProgram words them, word for word as before (issue 18).
struct AuditSentenceTests {
    static let breaks: [(AuditChain.BreakReason, String)] = [
        (.hashMismatch, "Audit row 42 was altered: its content does not match its hash."),
        (.sequenceGap, "Audit rows before 42 are missing: the sequence has a gap."),
        (.outOfOrder, "Audit row 42 is out of order."),
        (.prevHashMismatch, "Audit row 42 does not follow the previous row's hash: a row was removed or replaced."),
        (.missingTail, "Audit rows up to 42 are missing: the log ends before its recorded head."),
        (.sealedLeaves, "The sealed events around leaf 42 are not the ones sealed: events were deleted, added or resealed."),
        (.sealRoot, "The events of seal 42 no longer hash to its root: sealed history was rewritten."),
        (.sealChain, "Seal 42 does not follow the previous seal: a seal row was edited or removed."),
        (.chainHead,
         "Audit row 42 is not the newest event its request records: events were added to or removed from the end of the request's chain."),
    ]

    @Test("every break of the chain is one sentence", arguments: breaks)
    func breakSentence(_ reason: AuditChain.BreakReason, _ sentence: String) {
        #expect(DeskFailure.sentence(AuditChain.Break(index: 3, sequence: 42, reason: reason)) == sentence)
    }

    /// A migration that finds the chain broken says where and how, then what to do.
    @Test func aBrokenChainStopsTheMigration() {
        let failure = DeskFailure(StoreError(.auditBrokenAtMigration, id: 42, detail: AuditChain.BreakReason.prevHashMismatch.rawValue))
        #expect(failure.message
            == "The audit chain is broken at event #42 (Audit row 42 does not follow the previous row's hash: a row was removed or replaced.); the desk was not migrated. Restore the log from a backup, then run `dsar db migrate` again.")
    }

    static let digest = AuditDigest(size: 7, root: MerkleHash.empty, sealedAt: nil)

    @Test func aDigestTodaysLogDoesNotExtendIsNamed() {
        #expect(DeskFailure.sentence(AuditLog.NotExtending.cutBack(Self.digest, size: 5))
            == "The digest \(Self.digest.token) covers 7 events but today's sealed log holds 5: the log was cut back since that digest.")
        #expect(DeskFailure.sentence(AuditLog.NotExtending.rewritten(Self.digest))
            == "Today's log does not extend the digest \(Self.digest.token): its first 7 events are not the ones that digest sealed, so history was rewritten since.")
    }

    static let proofs: [(AuditProof.Failure, String)] = [
        (.otherDigest(size: 9, root: "ab"), "The proof is for the digest 9:ab, not \(digest.token); check it against the digest it names, or ask for a new proof."),
        (.noEvents, "The proof holds no events."),
        (.unreadableEvent(12), "Event #12 in the proof has a field that cannot be read."),
        (.hashMismatch(12), "Event #12 does not match its hash: its content was changed after it was logged."),
        (.leafMismatch(12), "Event #12 does not match its leaf hash."),
        (.notIncluded(12), "Event #12 is not included in the log of digest \(digest.token): its audit path does not lead to the root."),
    ]

    @Test("every way a proof fails is one sentence", arguments: proofs)
    func proofSentence(_ failure: AuditProof.Failure, _ sentence: String) {
        #expect(DeskFailure.sentence(failure, against: Self.digest) == sentence)
    }
}
