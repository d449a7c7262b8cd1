public import DeskCore
import DeskStore
import Foundation
public import Letters

/// Turns what the desk knows about a request (`LetterFacts`) into the `LetterContext` a template
/// is rendered with, and refuses a letter that would go out with a hole in it.
public enum LetterContextBuilder {
    /// The context for `kind` in `language`, dated `today` (`YYYY-MM-DD`).
    ///
    /// Throws `invalidInput` (exit 2) naming the `dsar settings set …` to run when the desk's
    /// details are missing, and `refused` (exit 4) when the step the letter reports has not been
    /// recorded (no clarification question, no extension, no refusal note).
    public static func context(
        for kind: LetterKind, language: Language, facts: LetterFacts, today: LocalDate, recipientName: String? = nil
    ) throws -> LetterContext {
        let request = facts.request
        let settings = facts.settings
        try checkSettings(settings)
        guard let rule = facts.policy.policy.rule(for: request.kind, consentWithdrawal: request.consentWithdrawal) else {
            throw StoreError(.noDeadlineRule, right: request.kind, policy: request.policy)
        }
        let extended = request.isExtended
        var context = LetterContext(
            requesterName: request.requester.name,
            requesterEmail: request.requester.email ?? "",
            reference: request.reference,
            right: request.kind,
            isConsentWithdrawal: request.consentWithdrawal,
            receivedDate: LocalDate(request.receivedAt, in: facts.policy.timeZone).iso,
            dueDate: extended ? request.originalDueOn.iso : request.dueOn.iso,
            extendedDueDate: extended ? request.dueOn.iso : nil,
            policyName: facts.policy.policy.code,
            legalSource: rule.source,
            basis: rule.basis,
            term: rule.period,
            clarificationClock: rule.clarificationClock,
            identityPausesClock: rule.identityPausesClock,
            authorityName: authority(language: language, policy: facts.policy, settings: settings),
            today: today.iso,
            organisationName: settings["organisation.name"] ?? "",
            organisationAddress: settings["organisation.address"] ?? "",
            dpoName: settings["dpo.name"] ?? "",
            dpoEmail: settings["dpo.email"] ?? "",
            dpoPhone: settings["dpo.phone"],
            clarificationQuestion: facts.clarificationQuestion,
            extensionReason: facts.extensionReason,
            refusalNote: request.closeNote,
            retentionLaw: facts.retention?.law,
            retentionPeriod: facts.retention?.period,
            statusText: StatusText.text(request.state, language: language),
            waitingDays: Int(settings["clarification.wait_days"] ?? "") ?? 30,
            recipientName: recipientName
        )
        add(facts.evidence, timeZone: facts.policy.timeZone, to: &context)
        context.backupOverwriteDate = backupOverwriteDate(facts.evidence, settings: settings, timeZone: facts.policy.timeZone)
        try checkStep(kind, context: context, request: request)
        return context
    }

    /// The supervisory authority: the `authority.<policy>.<lang>` setting, else `authority.<lang>`,
    /// else the policy's authority — written in the letter's language when the desk knows it (issue 14 item 7).
    static func authority(language: Language, policy: PolicyCatalog.Entry, settings: [String: String]) -> String {
        if let override = settings[SettingsStore.authorityKey(language, policy: policy.policy.code)] { return override }
        if let override = settings[SettingsStore.authorityKey(language)] { return override }
        return AuthorityName.localised(policy.authority, language: language)
    }

    static func checkSettings(_ settings: [String: String]) throws {
        let missing = SettingsStore.missingForLetters(in: settings)
        guard !missing.isEmpty else { return }
        throw StoreError(.letterSettingsMissing, detail: missing.joined(separator: ","))
    }

    /// Evidence as the one-line summaries the templates list; never an old (wrong) value.
    static func add(_ evidence: [Evidence], timeZone: TimeZone, to context: inout LetterContext) {
        for item in evidence {
            switch item {
            case .disclosure(let value):
                let what = value.description ?? value.path ?? ""
                context.disclosures.append(value.sha256.map { "\(what) (SHA-256 \($0))" } ?? what)
            case .change(let value):
                context.changes.append("\(value.field): \(value.newValueSummary)")
            case .erasure(let value):
                let day = LocalDate(value.performedAt, in: timeZone).iso
                context.erasures.append(
                    "\(value.system): \(value.dataCategories.joined(separator: ", ")) — \(value.method), \(day)")
            case .restriction(let value):
                context.restrictions.append(contentsOf: value.systems + value.purposes)
            case .export(let value):
                context.exports.append("\(value.format.rawValue.uppercased()) \(value.path) (SHA-256 \(value.sha256))")
            case .decision(let value):
                switch value.outcome {
                case .processingStopped:
                    context.stoppedPurposes.append(contentsOf: value.purposes)
                    if let ground = value.retentionGround { context.retentionGround = ground }
                case .overridden:
                    context.objectionOverridden = true
                    if (context.refusalNote ?? "").isEmpty { context.refusalNote = value.grounds }
                }
            case .recipient(let value):
                context.notifiedRecipients.append(value.recipient)
            case .noRecipients, .noDataHeld:
                continue
            }
        }
    }

    /// The last erasure plus the `backup.overwrite_days` setting: the date by which backups holding
    /// the erased data are overwritten, which the erasure letter states; nil without the setting.
    static func backupOverwriteDate(_ evidence: [Evidence], settings: [String: String], timeZone: TimeZone) -> String? {
        guard let text = settings["backup.overwrite_days"], let days = Int(text), days > 0 else { return nil }
        let erased = evidence.compactMap { item -> Date? in
            if case .erasure(let entry) = item { return entry.performedAt }
            return nil
        }
        guard let last = erased.max() else { return nil }
        return LocalDate(last, in: timeZone).adding(days: days).iso
    }

    /// A letter reporting a step needs that step's details.
    static func checkStep(_ kind: LetterKind, context: LetterContext, request: StoredRequest) throws {
        func blank(_ value: String?) -> Bool { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let ref = request.reference
        switch kind {
        case .clarificationRequest where blank(context.clarificationQuestion):
            throw StoreError(.noClarificationQuestion, reference: ref)
        case .extensionNotice where context.extendedDueDate == nil || blank(context.extensionReason):
            throw StoreError(.notExtended, reference: ref)
        case .partiallyFulfilled where blank(context.refusalNote),
            .refusalExemptionOther where blank(context.refusalNote),
            .refusalExcessive where blank(context.refusalNote),
            .refusalManifestlyUnfounded where blank(context.refusalNote),
            .refusalLegalObligationToRetain where blank(context.refusalNote),
            .refusalNoDataHeld where blank(context.refusalNote):
            throw StoreError(.refusalNoteMissing, reference: ref, name: kind.rawValue)
        case .refusalLegalObligationToRetain where blank(context.retentionLaw) || blank(context.retentionPeriod):
            throw StoreError(.retentionMissing, reference: ref)
        case .fulfilledObjection where context.objectionOverridden && blank(context.refusalNote):
            throw StoreError(.compellingGroundsMissing, reference: ref)
        case .closureNoReply where blank(context.clarificationQuestion):
            throw StoreError(.noClarificationOnRecord, reference: ref)
        case .notConsidered where request.policy != "uz-state":
            throw StoreError(.notConsideredOutsideUzState, reference: ref, policy: request.policy)
        case .recipientNotification where blank(context.recipientName):
            throw StoreError(.recipientNameMissing)
        default:
            return
        }
    }
}
