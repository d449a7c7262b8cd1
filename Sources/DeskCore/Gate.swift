/// What must be recorded before a request of a right can be closed as fulfilled (SPEC §3).
///
/// Each right's gate is a list of requirements that must all hold; a requirement holds when at
/// least one of its evidence kinds was recorded.
public enum Gate {
    /// One requirement: any of `kinds`, described for the person at the desk.
    public struct Requirement: Sendable, Hashable {
        public let kinds: Set<EvidenceKind>
        /// What is missing, as the CLI says it, e.g. "a disclosure or the finding no_data_held".
        public let description: String

        init(_ kinds: Set<EvidenceKind>, _ description: String) {
            self.kinds = kinds
            self.description = description
        }
    }

    private static let recipients = Requirement([.recipient, .noRecipients],
                                                "a recipient notification or the finding no_recipients")

    /// The gate of every right, as data.
    public static let requirements: [Right: [Requirement]] = [
        .access: [Requirement([.disclosure, .noDataHeld], "a disclosure or the finding no_data_held")],
        .rectification: [Requirement([.change], "a change"), recipients],
        .erasure: [Requirement([.erasure], "an erasure-journal entry"), recipients],
        .restriction: [Requirement([.restriction], "the restriction scope")],
        .portability: [Requirement([.export], "an export")],
        .objection: [Requirement([.decision], "a decision on the objection")],
    ]

    /// Descriptions of the requirements not yet met for `right`; empty when the gate holds.
    public static func check<Kinds: Sequence>(right: Right, evidence: Kinds) -> [String] where Kinds.Element == EvidenceKind {
        let recorded = Set(evidence)
        return (requirements[right] ?? []).filter { recorded.isDisjoint(with: $0.kinds) }.map(\.description)
    }

    /// A withdrawal of consent (an objection with `consent_withdrawal`) also needs the data destroyed
    /// — an erasure-journal entry — or a decision recording the legal ground to retain it
    /// (ZRU-547 art. 17: the data is destroyed when consent is withdrawn). Nil when met.
    public static func withdrawalMissing<Kinds: Sequence>(evidence: Kinds, retentionGroundRecorded: Bool) -> String?
    where Kinds.Element == EvidenceKind {
        if retentionGroundRecorded || evidence.contains(.erasure) { return nil }
        return "an erasure-journal entry for the destroyed data (or a decision with --retention-ground naming the law that requires keeping it)"
    }

    /// Descriptions of the requirements not yet met for `right`, from recorded evidence values.
    public static func check(right: Right, evidence: [Evidence]) -> [String] {
        check(right: right, evidence: evidence.map(\.kind))
    }

    /// One sentence for the CLI saying what is missing, or nil when the gate holds.
    public static func sentence(right: Right, missing: [String]) -> String? {
        guard !missing.isEmpty else { return nil }
        return "The \(right.rawValue) request cannot be closed as fulfilled yet: record \(missing.joined(separator: " and ")) first."
    }
}
