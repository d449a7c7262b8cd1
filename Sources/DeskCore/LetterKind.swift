import Foundation

/// Every letter the desk can write; the raw value is the template's file name (SPEC §6).
public enum LetterKind: String, CaseIterable, Codable, Sendable, Hashable {
    case acknowledgement
    case identityRequest = "identity_request"
    case clarificationRequest = "clarification_request"
    case extensionNotice = "extension_notice"
    case fulfilledAccess = "fulfilled_access"
    case fulfilledRectification = "fulfilled_rectification"
    case fulfilledErasure = "fulfilled_erasure"
    case fulfilledRestriction = "fulfilled_restriction"
    case fulfilledPortability = "fulfilled_portability"
    case fulfilledObjection = "fulfilled_objection"
    case partiallyFulfilled = "partially_fulfilled"
    case refusalIdentityNotVerified = "refusal_identity_not_verified"
    case refusalManifestlyUnfounded = "refusal_manifestly_unfounded"
    case refusalExcessive = "refusal_excessive"
    case refusalLegalObligationToRetain = "refusal_legal_obligation_to_retain"
    case refusalNoDataHeld = "refusal_no_data_held"
    case refusalExemptionOther = "refusal_exemption_other"
    case withdrawalConfirmation = "withdrawal_confirmation"
    case restrictionLiftNotice = "restriction_lift_notice"
    case recipientNotification = "recipient_notification"
    /// ZRU-445 art. 29: an appeal that is not considered (anonymous, or a representative without authority).
    case notConsidered = "not_considered"
    /// The state of the request, told on request (Law on Electronic Government, art. 6; seed 004).
    case statusReply = "status_reply"
    /// Closure after the requester never answered a clarification within the waiting period.
    case closureNoReply = "closure_no_reply"

    /// The letter that closes a request for `right` as fulfilled.
    public static func fulfilled(_ right: Right) -> LetterKind {
        switch right {
        case .access: return .fulfilledAccess
        case .rectification: return .fulfilledRectification
        case .erasure: return .fulfilledErasure
        case .restriction: return .fulfilledRestriction
        case .portability: return .fulfilledPortability
        case .objection: return .fulfilledObjection
        }
    }

    /// The refusal letter for a ground of SPEC §3.
    public static func refusal(ground: RefusalGround) -> LetterKind {
        switch ground {
        case .identityNotVerified: return .refusalIdentityNotVerified
        case .manifestlyUnfounded: return .refusalManifestlyUnfounded
        case .excessive: return .refusalExcessive
        case .legalObligationToRetain: return .refusalLegalObligationToRetain
        case .noDataHeld: return .refusalNoDataHeld
        case .exemptionOther: return .refusalExemptionOther
        }
    }

    /// The letter for an event name used by the CLI (`dsar letter REF fulfilled`, `refusal`…)
    /// when the request's right or ground is needed to pick the variant.
    public static func named(_ name: String, right: Right, ground: RefusalGround?) -> LetterKind? {
        switch name {
        case "fulfilled": return .fulfilled(right)
        case "refusal", "refused": return .refusal(ground: ground ?? .exemptionOther)
        default: return LetterKind(rawValue: name.replacingOccurrences(of: "-", with: "_"))
        }
    }

    /// The letter SPEC §3 requires with a lifecycle step, produced in the step's own transaction:
    /// asking for identity, asking for clarification, and extending the deadline.
    public static func required(by action: LifecycleAction) -> LetterKind? {
        switch action {
        case .event(.identityRequest, _, _, _): return .identityRequest
        case .event(.clarify, _, _, _): return .clarificationRequest
        case .extend: return .extensionNotice
        default: return nil
        }
    }

    /// Whether the letter goes to a third party rather than the requester.
    public var isToRecipient: Bool { self == .recipientNotification }
}
