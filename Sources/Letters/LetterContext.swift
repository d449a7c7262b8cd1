import DeskCore

/// Everything a letter may say, as typed values; the renderer turns it into the Mustache context.
///
/// Dates are `YYYY-MM-DD` strings (formatted per language by `LetterDate`); refusal grounds and
/// policies are plain strings so that this target does not follow DeskCore's internal types.
/// Organisation details come from the desk's settings, never from the templates.
public struct LetterContext: Sendable, Hashable {
    // The requester and the request.
    public var requesterName: String
    public var requesterEmail: String
    public var reference: String
    public var right: Right
    /// An objection that withdraws consent (`consent_withdrawal: true`).
    public var isConsentWithdrawal: Bool
    public var receivedDate: String
    public var dueDate: String
    /// Set once the deadline has been extended.
    public var extendedDueDate: String?
    /// Policy code, e.g. `uz`, `gdpr`.
    public var policyName: String
    /// Where the deadline comes from, e.g. `ZRU-547 art. 11`, `GDPR art. 12(3)`;
    /// letters cite it per language through `LegalSource.localised(_:language:)`.
    public var legalSource: String
    /// The supervisory authority the requester may complain to (see `AuthorityName`).
    public var authorityName: String
    /// The letter's date.
    public var today: String

    // The organisation (desk settings).
    public var organisationName: String
    public var organisationAddress: String
    public var dpoName: String
    public var dpoEmail: String
    public var dpoPhone: String?

    // Details of the step the letter reports.
    /// The question asked in a clarification request.
    public var clarificationQuestion: String?
    /// Why the deadline was extended.
    public var extensionReason: String?
    /// The DPO's note on a refusal or on the refused part of a partial answer.
    public var refusalNote: String?
    /// What was disclosed (access): one line each, e.g. "export.pdf (sha256 …)".
    public var disclosures: [String]
    /// What was changed (rectification): field and summary of the new value, never the old one.
    public var changes: [String]
    /// Erasure-journal entries: system, data categories, method, date.
    public var erasures: [String]
    /// Restriction scope: systems and purposes restricted.
    public var restrictions: [String]
    /// Export artefacts (portability): format, file name, sha256.
    public var exports: [String]
    /// Objection: purposes for which processing stopped.
    public var stoppedPurposes: [String]
    /// Objection overridden on compelling legitimate grounds (explained in `refusalNote`).
    public var objectionOverridden: Bool
    /// Third parties told about a change, erasure or restriction.
    public var notifiedRecipients: [String]
    /// The third party a `recipient_notification` is addressed to.
    public var recipientName: String?
    /// Why a restriction will be lifted (`restriction_lift_notice`).
    public var liftReason: String?
    /// From when the restriction is lifted, `YYYY-MM-DD`.
    public var liftDate: String?

    public init(
        requesterName: String,
        requesterEmail: String,
        reference: String,
        right: Right,
        isConsentWithdrawal: Bool = false,
        receivedDate: String,
        dueDate: String,
        extendedDueDate: String? = nil,
        policyName: String,
        legalSource: String,
        authorityName: String,
        today: String,
        organisationName: String,
        organisationAddress: String,
        dpoName: String,
        dpoEmail: String,
        dpoPhone: String? = nil,
        clarificationQuestion: String? = nil,
        extensionReason: String? = nil,
        refusalNote: String? = nil,
        disclosures: [String] = [],
        changes: [String] = [],
        erasures: [String] = [],
        restrictions: [String] = [],
        exports: [String] = [],
        stoppedPurposes: [String] = [],
        objectionOverridden: Bool = false,
        notifiedRecipients: [String] = [],
        recipientName: String? = nil,
        liftReason: String? = nil,
        liftDate: String? = nil
    ) {
        self.requesterName = requesterName
        self.requesterEmail = requesterEmail
        self.reference = reference
        self.right = right
        self.isConsentWithdrawal = isConsentWithdrawal
        self.receivedDate = receivedDate
        self.dueDate = dueDate
        self.extendedDueDate = extendedDueDate
        self.policyName = policyName
        self.legalSource = legalSource
        self.authorityName = authorityName
        self.today = today
        self.organisationName = organisationName
        self.organisationAddress = organisationAddress
        self.dpoName = dpoName
        self.dpoEmail = dpoEmail
        self.dpoPhone = dpoPhone
        self.clarificationQuestion = clarificationQuestion
        self.extensionReason = extensionReason
        self.refusalNote = refusalNote
        self.disclosures = disclosures
        self.changes = changes
        self.erasures = erasures
        self.restrictions = restrictions
        self.exports = exports
        self.stoppedPurposes = stoppedPurposes
        self.objectionOverridden = objectionOverridden
        self.notifiedRecipients = notifiedRecipients
        self.recipientName = recipientName
        self.liftReason = liftReason
        self.liftDate = liftDate
    }
}

/// The name of the authorised state body for personal data in Uzbekistan, per language.
///
/// A default for settings and policies that name no other authority; letters take the
/// name from `LetterContext.authorityName`, so a policy (GDPR, 152-FZ) can override it.
public enum AuthorityName {
    public static func uzbekistan(_ language: Language) -> String {
        switch language {
        case .uzbekLatin: return "Oʻzbekiston Respublikasi Vazirlar Mahkamasi huzuridagi Davlat personallashtirish markazi"
        case .uzbekCyrillic: return "Ўзбекистон Республикаси Вазирлар Маҳкамаси ҳузуридаги Давлат персоналлаштириш маркази"
        case .russian: return "Государственный центр персонализации при Кабинете Министров Республики Узбекистан"
        case .english: return "State Personalization Centre under the Cabinet of Ministers of the Republic of Uzbekistan"
        }
    }
}
