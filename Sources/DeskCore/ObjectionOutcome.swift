/// How an objection was decided.
public enum ObjectionOutcome: String, CaseIterable, Codable, Sendable, Hashable {
    /// Processing for the listed purposes stopped.
    case processingStopped = "processing_stopped"
    /// Processing continues on compelling legitimate grounds.
    case overridden
}
