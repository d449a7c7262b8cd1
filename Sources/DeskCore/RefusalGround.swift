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

    /// Whether the ground may be used under `policy`; nil when it may, else why not: the law
    /// of the policy that does not provide it.
    public func refusal(underPolicy policy: String) -> GroundNotProvided? {
        guard Self.gdprOnly.contains(self), Self.policiesWithoutGDPRGrounds.contains(policy) else { return nil }
        let law = policy == "ru" ? "152-FZ" : (policy == "uz-state" ? "ZRU-445" : "ZRU-547")
        return GroundNotProvided(ground: self, policy: policy, law: law)
    }
}

/// A refusal ground the law of a policy does not provide (a GDPR-only ground under ZRU-547).
public struct GroundNotProvided: Sendable, Hashable {
    public let ground: RefusalGround
    /// The policy's code.
    public let policy: String
    /// The policy's law, e.g. ZRU-547.
    public let law: String
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
