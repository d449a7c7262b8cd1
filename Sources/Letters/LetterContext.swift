public import DeskCore

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
    /// Whether `legalSource` sets the term or the desk chose it (the law sets none).
    public var basis: RuleBasis
    /// The term of the rule (`10 calendar days`), which a desk-policy letter states as its own.
    public var term: Period
    /// What a wait on the requester does to the term: letters promise a pause only when there is one.
    public var clarificationClock: ClarificationClock
    /// Whether waiting on proof of identity stops the clock.
    public var identityPausesClock: Bool
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
    /// A refusal on `legal_obligation_to_retain`: the law that requires the data to be kept, and for how long.
    public var retentionLaw: String?
    public var retentionPeriod: String?
    /// What was disclosed (access): one line each, e.g. "export.pdf (sha256 …)".
    public var disclosures: [String]
    /// What was changed (rectification): field and summary of the new value, never the old one.
    public var changes: [String]
    /// Erasure-journal entries: system, data categories, method, date.
    public var erasures: [String]
    /// By when backups still holding erased data are overwritten, `YYYY-MM-DD` (setting `backup.overwrite_days`).
    public var backupOverwriteDate: String?
    /// Restriction scope: systems and purposes restricted.
    public var restrictions: [String]
    /// Export artefacts (portability): format, file name, sha256.
    public var exports: [String]
    /// Objection: purposes for which processing stopped.
    public var stoppedPurposes: [String]
    /// A withdrawal of consent whose data is kept: the legal ground to retain it.
    public var retentionGround: String?
    /// Objection overridden on compelling legitimate grounds (explained in `refusalNote`).
    public var objectionOverridden: Bool
    /// Third parties told about a change, erasure or restriction.
    public var notifiedRecipients: [String]
    /// The request's state as the requester reads it (`status_reply`), e.g. "in progress".
    public var statusText: String?
    /// Days the desk waits for an answer to a clarification before closing (`closure_no_reply`).
    public var waitingDays: Int?
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
        basis: RuleBasis = .statute,
        term: Period = Period(10, .calendarDays),
        clarificationClock: ClarificationClock = .pauses,
        identityPausesClock: Bool = true,
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
        retentionLaw: String? = nil,
        retentionPeriod: String? = nil,
        disclosures: [String] = [],
        changes: [String] = [],
        erasures: [String] = [],
        backupOverwriteDate: String? = nil,
        restrictions: [String] = [],
        exports: [String] = [],
        stoppedPurposes: [String] = [],
        retentionGround: String? = nil,
        objectionOverridden: Bool = false,
        notifiedRecipients: [String] = [],
        statusText: String? = nil,
        waitingDays: Int? = nil,
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
        self.basis = basis
        self.term = term
        self.clarificationClock = clarificationClock
        self.identityPausesClock = identityPausesClock
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
        self.retentionLaw = retentionLaw
        self.retentionPeriod = retentionPeriod
        self.disclosures = disclosures
        self.changes = changes
        self.erasures = erasures
        self.backupOverwriteDate = backupOverwriteDate
        self.restrictions = restrictions
        self.exports = exports
        self.stoppedPurposes = stoppedPurposes
        self.retentionGround = retentionGround
        self.objectionOverridden = objectionOverridden
        self.notifiedRecipients = notifiedRecipients
        self.statusText = statusText
        self.waitingDays = waitingDays
        self.recipientName = recipientName
        self.liftReason = liftReason
        self.liftDate = liftDate
    }
}

/// The supervisory authorities, named as they are today and in the letter's language (issue 14 item 7).
///
/// Policies store the English name; a letter takes `LetterContext.authorityName`, which the desk
/// fills from `localised(_:language:)` (or from an `authority.*` setting that overrides it).
public enum AuthorityName {
    /// Uzbekistan: the Personalization Agency under the Ministry of Justice, which runs pd.gov.uz
    /// (its predecessor was the State Personalization Centre under the Cabinet of Ministers).
    public static func uzbekistan(_ language: Language) -> String {
        switch language {
        case .uzbekLatin: return "Oʻzbekiston Respublikasi Adliya vazirligi huzuridagi Personallashtirish agentligi"
        case .uzbekCyrillic: return "Ўзбекистон Республикаси Адлия вазирлиги ҳузуридаги Персоналлаштириш агентлиги"
        case .russian: return "Агентство персонализации при Министерстве юстиции Республики Узбекистан"
        case .english: return "the Personalization Agency under the Ministry of Justice of the Republic of Uzbekistan"
        }
    }

    /// Russia: Roskomnadzor by its full name.
    public static func russia(_ language: Language) -> String {
        switch language {
        case .uzbekLatin:
            return "Rossiya Federatsiyasining Aloqa, axborot texnologiyalari va ommaviy kommunikatsiyalar sohasida nazorat qilish federal xizmati (Roskomnadzor)"
        case .uzbekCyrillic:
            return "Россия Федерациясининг Алоқа, ахборот технологиялари ва оммавий коммуникациялар соҳасида назорат қилиш федерал хизмати (Роскомнадзор)"
        case .russian:
            return "Федеральная служба по надзору в сфере связи, информационных технологий и массовых коммуникаций (Роскомнадзор)"
        case .english:
            return "the Federal Service for Supervision of Communications, Information Technology and Mass Media (Roskomnadzor)"
        }
    }

    /// GDPR Article 77: any supervisory authority, in particular where the person lives, works or
    /// where the alleged infringement took place.
    public static func gdpr(_ language: Language) -> String {
        switch language {
        case .uzbekLatin:
            return "nazorat organi, xususan, odatda yashaydigan joyingiz, ish joyingiz yoki taxmin qilinayotgan qoidabuzarlik sodir boʻlgan joydagi Yevropa Ittifoqiga aʼzo davlatning nazorat organi (GDPR 77-moddasi)"
        case .uzbekCyrillic:
            return "назорат органи, хусусан, одатда яшайдиган жойингиз, иш жойингиз ёки тахмин қилинаётган қоидабузарлик содир бўлган жойдаги Европа Иттифоқига аъзо давлатнинг назорат органи (GDPR 77-моддаси)"
        case .russian:
            return "надзорный орган, в частности в государстве — члене ЕС по месту вашего обычного проживания, месту работы или месту предполагаемого нарушения (ст. 77 GDPR)"
        case .english:
            return "a supervisory authority, in particular in the Member State of your habitual residence, place of work or of the alleged infringement (Article 77 GDPR)"
        }
    }

    /// English names a policy may store (today's and the ones shipped before), and their writer.
    private static let known: [String: @Sendable (Language) -> String] = [
        "Personalization Agency under the Ministry of Justice of the Republic of Uzbekistan": uzbekistan,
        "State Personalization Centre under the Cabinet of Ministers of the Republic of Uzbekistan": uzbekistan,
        "Federal Service for Supervision of Communications, Information Technology and Mass Media (Roskomnadzor)": russia,
        "Roskomnadzor (Federal Service for Supervision of Communications)": russia,
        "a supervisory authority, in particular in the Member State of your habitual residence, place of work or of the alleged infringement (Article 77 GDPR)": gdpr,
        "the data protection supervisory authority of the EU member state concerned": gdpr,
    ]

    /// A policy's authority in `language`; a name the desk does not know is kept as given.
    public static func localised(_ stored: String, language: Language) -> String {
        let key = stored.hasPrefix("the ") ? String(stored.dropFirst(4)) : stored
        return (known[key] ?? known[stored]).map { $0(language) } ?? stored
    }
}
