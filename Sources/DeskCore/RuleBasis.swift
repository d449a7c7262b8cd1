/// Where a deadline rule's term comes from (issue 14 item 1).
public enum RuleBasis: String, CaseIterable, Codable, Sendable, Hashable {
    /// The cited article itself sets the term (e.g. GDPR Article 12(3), 152-FZ art. 14(3)).
    case statute
    /// The law sets no term for this right; the organisation chose the term. Letters say so
    /// instead of quoting an article as the basis of the term.
    case deskPolicy = "desk_policy"

    /// How `dsar policy show` and reports label it.
    public var label: String {
        switch self {
        case .statute: return "statute"
        case .deskPolicy: return "desk policy (the law sets no term)"
        }
    }
}
