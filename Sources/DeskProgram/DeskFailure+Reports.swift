public import Reports

extension DeskFailure {
    /// A month or report format that cannot be read is bad input (exit 2).
    public init(report error: ReportError) {
        switch error {
        case .invalidMonth(let text):
            self.init(message: "“\(text)” is not a month; write it as YYYY-MM, e.g. 2026-03.", exitCode: Self.badInput)
        case .unsupportedFormat(let text):
            self.init(message: "“\(text)” is not a report format this command writes.", exitCode: Self.badInput)
        }
    }
}
