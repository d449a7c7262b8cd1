/// What must be recorded before a request of a right can be closed as fulfilled (SPEC §3).
///
/// Each right's gate is a list of requirements that must all hold; a requirement holds when at
/// least one of its evidence kinds was recorded.
public enum Gate {
    /// One requirement: any of `kinds`, named so that the programs can say what is missing.
    public struct Requirement: Sendable, Hashable {
        /// Which requirement this is.
        public enum Name: String, Sendable, Hashable, CaseIterable {
            case disclosureOrNoData, change, recipientsNotified, erasureJournal, restrictionScope, export, objectionDecision
            /// A withdrawal of consent: the data destroyed, or the legal ground to keep it recorded.
            case withdrawalErasure
        }

        public let name: Name
        public let kinds: Set<EvidenceKind>

        init(_ name: Name, _ kinds: Set<EvidenceKind>) {
            self.name = name
            self.kinds = kinds
        }
    }

    private static let recipients = Requirement(.recipientsNotified, [.recipient, .noRecipients])

    /// The gate of every right, as data.
    public static let requirements: [Right: [Requirement]] = [
        .access: [Requirement(.disclosureOrNoData, [.disclosure, .noDataHeld])],
        .rectification: [Requirement(.change, [.change]), recipients],
        .erasure: [Requirement(.erasureJournal, [.erasure]), recipients],
        .restriction: [Requirement(.restrictionScope, [.restriction])],
        .portability: [Requirement(.export, [.export])],
        .objection: [Requirement(.objectionDecision, [.decision])],
    ]

    /// The requirements not yet met for `right`; empty when the gate holds.
    public static func check<Kinds: Sequence>(right: Right, evidence: Kinds) -> [Requirement] where Kinds.Element == EvidenceKind {
        let recorded = Set(evidence)
        return (requirements[right] ?? []).filter { recorded.isDisjoint(with: $0.kinds) }
    }

    /// A withdrawal of consent (an objection with `consent_withdrawal`) also needs the data destroyed
    /// — an erasure-journal entry — or a decision recording the legal ground to retain it
    /// (ZRU-547 art. 17: the data is destroyed when consent is withdrawn). Nil when met.
    public static func withdrawalMissing<Kinds: Sequence>(evidence: Kinds, retentionGroundRecorded: Bool) -> Requirement?
    where Kinds.Element == EvidenceKind {
        if retentionGroundRecorded || evidence.contains(.erasure) { return nil }
        return Requirement(.withdrawalErasure, [.erasure])
    }

    /// The requirements not yet met for `right`, from recorded evidence values.
    public static func check(right: Right, evidence: [Evidence]) -> [Requirement] {
        check(right: right, evidence: evidence.map(\.kind))
    }
}
