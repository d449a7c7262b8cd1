public import DeskCore

extension DeskFailure {
    /// DeskCore's input and evidence checks are bad input (exit 2); its rules refuse (exit 4).
    public init(core error: DeskCoreError) {
        self.init(message: Self.sentence(error.reason), exitCode: error.code == .refusedByRule ? Self.refused : Self.badInput)
    }

    /// One sentence for each reason DeskCore gives.
    public static func sentence(_ reason: DeskCoreError.Reason) -> String {
        switch reason {
        case .periodUnreadable(let text):
            return "The period \"\(text)\" is not a positive number of days (10d), working days (5wd) or months (2m)."
        case .periodWithoutUnit(let text): return "The period \"\(text)\" needs a unit: d, wd or m."
        case .periodUnknownUnit(let text): return "The period \"\(text)\" has an unknown unit; use d, wd or m."
        case .digestUnreadable(let text):
            return "\(text.prefix(80)) is not an audit digest; give SIZE:ROOT as `dsar audit digest` prints it, e.g. 1204:3f1c…(64 hex digits)."
        case .noDeadlineRule(let policy, let right): return "The policy \(policy) has no deadline rule for \(right.rawValue)."
        case .unknownTimeZone(let policy, let zone): return "The policy \(policy) names an unknown time zone, \(zone)."
        case .payloadUnencodable: return "The payload could not be written as JSON."
        case .evidenceMissing(let field): return "The \(Self.noun(field)) is required."
        case .evidenceListEmpty(let field): return "At least one \(Self.noun(field)) is required."
        case .evidenceHashInvalid(let field): return "The sha256 of the \(Self.noun(field)) must be 64 hexadecimal digits."
        case .restrictionScopeEmpty: return "A restriction scope needs at least one system or purpose."
        case .disclosureEmpty: return "A disclosure needs the path of what was sent or a description of it."
        case .notExtendable(let right, let source): return "The \(right.rawValue) deadline under \(source) cannot be extended."
        case .extensionAfterDueDate(let due): return "The due date \(due.iso) has passed; an extension must be announced before it."
        case .extensionUnitDiffers(let granted):
            return "The request was already extended by \(granted); extend it again in the same unit (\(granted.unit.suffix))."
        case .extensionBeyondCap(let total, let endsOn, let cap, let limit, let source):
            return "An extension of \(total) in total would end on \(endsOn.iso), after the limit of \(cap) (\(limit.iso)) under \(source)."
        case .marketingObjectionOverridden:
            return "An objection to direct marketing can never be overridden; record processing_stopped."
        case .consentWithdrawalOverridden:
            return "A withdrawal of consent can never be overridden: processing on consent stops and the data is destroyed (ZRU-547 art. 17); record processing_stopped."
        }
    }

    /// Every lifecycle error is a business rule refusing a step (exit 4).
    public init(lifecycle error: LifecycleError) {
        self.init(message: Self.sentence(error), exitCode: Self.refused)
    }

    /// One sentence naming the state and, where it helps, what is allowed from there.
    public static func sentence(_ error: LifecycleError) -> String {
        let state = error.state.rawValue
        switch error.reason {
        case .eventNotAllowed(let event):
            let list = error.allowedEvents.isEmpty ? "nothing (the request is closed)" : error.allowedEvents.map(\.rawValue).joined(separator: ", ")
            return "The request is in \(state), where \(event.rawValue) is not allowed; allowed from there: \(list)."
        case .identityFailureGround(let ground):
            return "A failed identity check is refused on the ground identity_not_verified, not \(ground.rawValue)."
        case .liftBeforeNotice:
            return "The restriction can be lifted only after the restriction_lift_notice letter was sent; send it first."
        case .gateNotMet(let right, let missing):
            return "The \(right.rawValue) request cannot be closed as fulfilled yet: record \(missing.map { Self.noun($0.name) }.joined(separator: " and ")) first."
        case .groundMissing(let event, let allowed):
            let outcome = event == .closePartiallyFulfilled ? "partially fulfilled" : "refused"
            return "A request closed as \(outcome) needs a ground: one of \(allowed.map(\.rawValue).joined(separator: ", "))."
        case .groundNotProvided(let refusal):
            return "\(refusal.ground.rawValue) is a GDPR ground (Article 12(5)) that \(refusal.law) does not provide; under the \(refusal.policy) policy refuse with exemption_other and give the law's reason in the note (for a repeated request: the earlier request and why nothing has changed)."
        case .groundNeedsNote(let ground):
            return "The ground \(ground.rawValue) needs a note giving the reason, which the letter tells the requester."
        case .retentionMissing:
            return "The ground legal_obligation_to_retain needs the law that requires the data to be kept and the retention period (--retention-law, --retention-period)."
        case .closedToExtension: return "The request is \(state) and closed; its deadline can no longer be extended."
        case .extensionWithoutReason: return "An extension needs a reason, which the extension_notice letter tells the requester."
        case .extensionWithoutDecider: return "Under ZRU-445 the head of the state body decides an extension; name them with --decided-by."
        case .closedToEvidence: return "The request is \(state) and closed; evidence can no longer be recorded."
        case .extensionRefused(let cause), .evidenceInvalid(let cause): return Self.sentence(cause.reason)
        }
    }

    /// What a requirement of a right's gate asks to be recorded.
    static func noun(_ requirement: Gate.Requirement.Name) -> String {
        switch requirement {
        case .disclosureOrNoData: return "a disclosure or the finding no_data_held"
        case .change: return "a change"
        case .recipientsNotified: return "a recipient notification or the finding no_recipients"
        case .erasureJournal: return "an erasure-journal entry"
        case .restrictionScope: return "the restriction scope"
        case .export: return "an export"
        case .objectionDecision: return "a decision on the objection"
        case .withdrawalErasure:
            return "an erasure-journal entry for the destroyed data (or a decision with --retention-ground naming the law that requires keeping it)"
        }
    }

    /// The field of evidence as the sentences name it.
    static func noun(_ field: DeskCoreError.EvidenceField) -> String {
        switch field {
        case .erasedSystem: return "system the data was erased from"
        case .dataCategory: return "data category"
        case .erasureMethod: return "erasure method"
        case .erasurePerformer: return "name of who performed the erasure"
        case .erasureApprover: return "name of who approved the journal entry"
        case .recipient: return "recipient's name"
        case .notification: return "description of what was notified"
        case .changedField: return "field that was changed"
        case .newValueSummary: return "summary of the new value"
        case .stoppedPurpose: return "purpose for which processing stopped"
        case .retentionGround: return "legal ground to retain the data"
        case .compellingGrounds: return "compelling grounds for continuing the processing"
        case .exportPath: return "path of the export"
        case .export: return "export"
        case .disclosure: return "disclosure"
        }
    }
}
