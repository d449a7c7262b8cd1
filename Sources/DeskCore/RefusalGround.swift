/// Why a request was refused or only partially fulfilled (SPEC §3, a closed list).
///
/// Every ground needs a note with the reason, which the refusal letter prints (issue 14 item 6);
/// `legal_obligation_to_retain` also needs the law and the retention period (`RetentionObligation`).
public enum RefusalGround: String, CaseIterable, Codable, Sendable, Hashable {
    case identityNotVerified = "identity_not_verified"
    case manifestlyUnfounded = "manifestly_unfounded"
    case excessive
    case legalObligationToRetain = "legal_obligation_to_retain"
    case noDataHeld = "no_data_held"
    /// Another exemption, which must be explained in free text.
    case exemptionOther = "exemption_other"

    /// Grounds that are only valid with an explanation in free text: all of them.
    public static let requiringText: Set<RefusalGround> = Set(allCases)

    /// Whether this ground needs an explanation in free text.
    public var requiresText: Bool { Self.requiringText.contains(self) }

    /// GDPR Article 12(5) grounds ("manifestly unfounded or excessive"); ZRU-547, ZRU-445 and
    /// 152-FZ know no such ground, so the shipped `uz`, `uz-state` and `ru` policies refuse them.
    public static let gdprOnly: Set<RefusalGround> = [.manifestlyUnfounded, .excessive]

    /// Policies whose law does not provide the GDPR-only grounds.
    static let policiesWithoutGDPRGrounds: Set<String> = ["uz", "uz-state", "ru"]

    /// Whether the ground may be used under `policy`; nil when it may, else the sentence saying why not.
    public func refusal(underPolicy policy: String) -> String? {
        guard Self.gdprOnly.contains(self), Self.policiesWithoutGDPRGrounds.contains(policy) else { return nil }
        let law = policy == "ru" ? "152-FZ" : (policy == "uz-state" ? "ZRU-445" : "ZRU-547")
        return "\(rawValue) is a GDPR ground (Article 12(5)) that \(law) does not provide; under the \(policy) policy refuse with exemption_other and give the law's reason in the note (for a repeated request: the earlier request and why nothing has changed)"
    }
}

/// What a refusal on `legal_obligation_to_retain` must state: the law that requires the data to
/// be kept, and for how long.
public struct RetentionObligation: Sendable, Hashable, Codable {
    /// The law and article, e.g. "Tax Code art. 88".
    public let law: String
    /// The retention period, e.g. "5 years from the end of the tax year".
    public let period: String

    public init(law: String, period: String) {
        self.law = law
        self.period = period
    }
}
