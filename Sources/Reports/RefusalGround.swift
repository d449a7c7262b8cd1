extension MonthlyReport {
    /// The refusal grounds of SPEC §3 in SPEC order; policies may add more.
    public static let refusalGrounds = [
        "identity_not_verified", "manifestly_unfounded", "excessive",
        "legal_obligation_to_retain", "no_data_held", "exemption_other",
    ]

    /// Refusals by ground: only grounds used in the month, SPEC grounds first in SPEC
    /// order, then policy grounds by key.
    public static func refusals(byGround counts: [String: Int]) -> [KeyCount] {
        KeyCount.ordered(counts, order: refusalGrounds).filter { $0.count > 0 }
    }
}
