/// An error from DeskCore: a code callers switch on and one sentence for the person at the desk.
///
/// A struct over a private enum, so adding a code later breaks no caller (STYLE.md).
public struct DeskCoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; the CLI maps codes to exit statuses (SPEC §8).
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

    /// The kind of problem.
    public let code: Code
    /// One sentence that says what is wrong and, where possible, what to do.
    public let message: String

    /// Creates an error with a code and a one-sentence message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
