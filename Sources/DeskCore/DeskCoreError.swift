/// An error from DeskCore: a code callers switch on and the reason, with the values it is about —
/// never a sentence. The programs word each reason (`DeskFailure+Core.swift`, DeskProgram).
public struct DeskCoreError: Error, Sendable, Hashable {
    /// What kind of problem this is; the programs map codes to exit statuses (SPEC §8).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidInput = "invalid_input"
            case invalidEvidence = "invalid_evidence"
            case refusedByRule = "refused_by_rule"
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// Text the user typed cannot be read (a period, a date, a reference): exit 2.
        public static let invalidInput = Code(.invalidInput)
        /// Evidence is missing a required field or has a malformed one: exit 2.
        public static let invalidEvidence = Code(.invalidEvidence)
        /// A business rule refuses the action (an extension beyond the cap, after the due date): exit 4.
        public static let refusedByRule = Code(.refusedByRule)

        public var description: String { base.rawValue }
    }

    /// What exactly is wrong, with the values it is about.
    public enum Reason: Sendable, Hashable {
        /// A period (`--by`) is not a positive number with a unit.
        case periodUnreadable(String)
        /// A bare number where the unit cannot be inferred.
        case periodWithoutUnit(String)
        /// A period whose unit is not d, wd or m.
        case periodUnknownUnit(String)
        /// Text that is not `SIZE:ROOT`.
        case digestUnreadable(String)
        /// The policy (its code) has no deadline rule for the right.
        case noDeadlineRule(policy: String, right: Right)
        /// The policy (its code) names a time zone the system does not know.
        case unknownTimeZone(policy: String, zone: String)
        /// An audit payload that JSON cannot encode.
        case payloadUnencodable
        /// A field of evidence left blank.
        case evidenceMissing(EvidenceField)
        /// A list of evidence with no item.
        case evidenceListEmpty(EvidenceField)
        /// A SHA-256 of evidence that is not 64 hexadecimal digits.
        case evidenceHashInvalid(EvidenceField)
        /// A restriction scope without any system or purpose.
        case restrictionScopeEmpty
        /// A disclosure without a path or a description.
        case disclosureEmpty
        /// The rule (its right and source) allows no extension.
        case notExtendable(right: Right, source: String)
        /// The current due date has passed.
        case extensionAfterDueDate(LocalDate)
        /// An earlier extension was granted in another unit.
        case extensionUnitDiffers(granted: Period)
        /// The total extension would end after the limit the rule's cap gives.
        case extensionBeyondCap(total: Period, endsOn: LocalDate, cap: Period, limit: LocalDate, source: String)
        /// An objection to direct marketing overridden.
        case marketingObjectionOverridden
        /// A withdrawal of consent overridden.
        case consentWithdrawalOverridden
    }

    /// The field of evidence a `Reason` is about.
    public enum EvidenceField: String, Sendable, Hashable, CaseIterable {
        case erasedSystem, dataCategory, erasureMethod, erasurePerformer, erasureApprover
        case recipient, notification, changedField, newValueSummary
        case stoppedPurpose, retentionGround, compellingGrounds
        case exportPath, export, disclosure
    }

    /// The reason, with its values.
    public let reason: Reason

    /// Creates an error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The kind of problem.
    public var code: Code {
        switch reason {
        case .periodUnreadable, .periodWithoutUnit, .periodUnknownUnit, .digestUnreadable, .noDeadlineRule, .unknownTimeZone,
            .payloadUnencodable:
            return .invalidInput
        case .evidenceMissing, .evidenceListEmpty, .evidenceHashInvalid, .restrictionScopeEmpty, .disclosureEmpty:
            return .invalidEvidence
        case .notExtendable, .extensionAfterDueDate, .extensionUnitDiffers, .extensionBeyondCap, .marketingObjectionOverridden,
            .consentWithdrawalOverridden:
            return .refusedByRule
        }
    }
}
