/// Errors of the `Reports` target: the text that could not be read, never a sentence. The
/// programs word them and give exit code 2, bad input (`DeskFailure+Reports.swift`, DeskProgram).
public enum ReportError: Error, Sendable, Hashable {
    /// The month is not `YYYY-MM`.
    case invalidMonth(String)
    /// The format is not one of `md`, `html`, `csv`, `json` (or `csv`, `json` for the register).
    case unsupportedFormat(String)
}
