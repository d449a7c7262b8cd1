/// Why a request was refused or only partially fulfilled (SPEC §3, a closed list).
public enum RefusalGround: String, CaseIterable, Codable, Sendable, Hashable {
    case identityNotVerified = "identity_not_verified"
    case manifestlyUnfounded = "manifestly_unfounded"
    case excessive
    case legalObligationToRetain = "legal_obligation_to_retain"
    case noDataHeld = "no_data_held"
    /// Another exemption, which must be explained in free text.
    case exemptionOther = "exemption_other"

    /// Grounds that are only valid with an explanation in free text.
    public static let requiringText: Set<RefusalGround> = [.exemptionOther]

    /// Whether this ground needs an explanation in free text.
    public var requiresText: Bool { Self.requiringText.contains(self) }
}
