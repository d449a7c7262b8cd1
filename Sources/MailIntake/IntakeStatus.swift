/// What the intake does with a message (SPEC §5), as `--dry-run --json` reports it.
public enum IntakeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// New requests, one per right asked for.
    case new
    /// Correspondence on a request the desk holds.
    case reply
    /// Already stored (same SHA-256 or Message-ID): nothing is written.
    case duplicate
    /// A person must look at it: an inbox item, with the suggested rights when there are any.
    case triage
    /// Unparseable: kept raw with the reason.
    case quarantined
}
