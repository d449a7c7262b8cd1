/// One of the six rights a person can exercise over their personal data (SPEC §1).
///
/// Withdrawal of consent is an `objection` whose details say `consent_withdrawal: true`.
public enum Right: String, CaseIterable, Codable, Sendable, Hashable {
    case access
    case rectification
    case erasure
    case restriction
    case portability
    case objection
}
