/// What a piece of evidence recorded with `dsar record` shows (SPEC §3 gates).
public enum EvidenceKind: String, CaseIterable, Codable, Sendable, Hashable {
    case disclosure
    case change
    case erasure
    case restriction
    case export
    case decision
    case recipient
    case noRecipients = "no_recipients"
    case noDataHeld = "no_data_held"
}
