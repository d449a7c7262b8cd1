/// Failures of the store that a user can act on; the CLI maps each to one sentence and an
/// exit code (SPEC §8).
public enum StoreError: Error, Sendable, Equatable {
    /// Something the user asked for does not exist (exit 3).
    case notFound(String)
    /// A business rule refused the action (exit 4).
    case refused(String)
    /// Someone else changed the request first (exit 5).
    case concurrentChange(String)
    /// The database cannot be reached or is not set up (exit 6).
    case unavailable(String)
    /// Bad input that reached the store (exit 2).
    case invalidInput(String)
    /// The installation is incomplete or misconfigured (exit 1).
    case configuration(String)

    /// The one sentence for the user.
    public var message: String {
        switch self {
        case .notFound(let text), .refused(let text), .concurrentChange(let text), .unavailable(let text),
            .invalidInput(let text), .configuration(let text):
            return text
        }
    }
}
