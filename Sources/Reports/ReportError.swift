/// Errors of the `Reports` target; the CLI maps them to exit code 2 (bad input).
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The month is not `YYYY-MM`.
    case invalidMonth(String)
    /// The format is not one of `md`, `html`, `csv`, `json` (or `csv`, `json` for the register).
    case unsupportedFormat(String)

    public var description: String {
        switch self {
        case .invalidMonth(let text): return "“\(text)” is not a month; write it as YYYY-MM, e.g. 2026-03."
        case .unsupportedFormat(let text): return "“\(text)” is not a report format this command writes."
        }
    }
}
