/// Why the portal cannot start; `dsar-portal` prints the sentence and exits 1 or 2.
public enum PortalError: Error, Sendable, CustomStringConvertible {
    case configuration(String)
    case usage(String)

    public var description: String {
        switch self {
        case .configuration(let text), .usage(let text): return text
        }
    }
}
