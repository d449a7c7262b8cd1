/// A lifecycle action refused by a business rule (exit 4 in the programs): the rule's code, the
/// reason with the values it is about, the state and what that state allows — never a sentence.
/// The programs word each reason (`DeskFailure+Core.swift`, DeskProgram).
public struct LifecycleError: Error, Sendable, Hashable {
    /// Which rule refused the action.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidTransition = "invalid_transition"
            case gateNotMet = "gate_not_met"
            case groundRequired = "ground_required"
            case extensionRefused = "extension_refused"
            case evidenceRefused = "evidence_refused"
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The event is not allowed from the current state for this right.
        public static let invalidTransition = Code(.invalidTransition)
        /// Closing as (partially) fulfilled before the right's gate holds.
        public static let gateNotMet = Code(.gateNotMet)
        /// A refusal or partial fulfilment without a ground, or `exemption_other` without text.
        public static let groundRequired = Code(.groundRequired)
        /// The extension is not allowed (closed request, no reason, past due, beyond the cap).
        public static let extensionRefused = Code(.extensionRefused)
        /// Evidence that cannot be recorded (closed request, invalid value, forbidden decision).
        public static let evidenceRefused = Code(.evidenceRefused)

        public var description: String { base.rawValue }
    }

    /// Why the action was refused.
    public enum Reason: Sendable, Hashable {
        /// The event is not allowed from the state.
        case eventNotAllowed(LifecycleEvent)
        /// A failed identity check given a ground other than identity_not_verified.
        case identityFailureGround(RefusalGround)
        /// Lifting a restriction before the lift notice was sent.
        case liftBeforeNotice
        /// Closing as fulfilled (`right`) with these requirements of its gate not met.
        case gateNotMet(right: Right, missing: [Gate.Requirement])
        /// Closing with `event` (refused, partially fulfilled) without a ground; `allowed` are the policy's grounds.
        case groundMissing(LifecycleEvent, allowed: [RefusalGround])
        /// A ground the policy's law does not provide.
        case groundNotProvided(GroundNotProvided)
        /// A ground given without the note that explains it.
        case groundNeedsNote(RefusalGround)
        /// legal_obligation_to_retain without the law and the retention period.
        case retentionMissing
        /// Extending a closed request.
        case closedToExtension
        /// An extension without a reason.
        case extensionWithoutReason
        /// An extension under ZRU-445 without who decided it.
        case extensionWithoutDecider
        /// The deadline rules refuse the extension.
        case extensionRefused(DeskCoreError)
        /// Recording evidence on a closed request.
        case closedToEvidence
        /// The evidence itself is invalid or forbidden.
        case evidenceInvalid(DeskCoreError)
    }

    /// Why, with its values.
    public let reason: Reason
    /// The state the request was in.
    public let state: RequestState
    /// Events allowed from that state for the request's right.
    public let allowedEvents: [LifecycleEvent]

    /// Creates an error.
    public init(_ reason: Reason, state: RequestState, allowedEvents: [LifecycleEvent]) {
        self.reason = reason
        self.state = state
        self.allowedEvents = allowedEvents
    }

    /// Which rule refused the action.
    public var code: Code {
        switch reason {
        case .eventNotAllowed: return .invalidTransition
        case .liftBeforeNotice, .gateNotMet: return .gateNotMet
        case .identityFailureGround, .groundMissing, .groundNotProvided, .groundNeedsNote, .retentionMissing: return .groundRequired
        case .closedToExtension, .extensionWithoutReason, .extensionWithoutDecider, .extensionRefused: return .extensionRefused
        case .closedToEvidence, .evidenceInvalid: return .evidenceRefused
        }
    }
}
