/// A lifecycle action refused by a business rule (exit 4 in the CLI).
///
/// `message` is one sentence naming the current state and what is allowed from there.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
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

    public let code: Code
    /// One sentence for the person at the desk.
    public let message: String
    /// The state the request was in.
    public let state: RequestState
    /// Events allowed from that state for the request's right.
    public let allowedEvents: [LifecycleEvent]

    /// Creates an error.
    public init(_ code: Code, _ message: String, state: RequestState, allowedEvents: [LifecycleEvent]) {
        self.code = code
        self.message = message
        self.state = state
        self.allowedEvents = allowedEvents
    }

    public var description: String { message }
}
