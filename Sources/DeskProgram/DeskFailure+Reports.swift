public import Reports

extension DeskFailure {
    /// A month or report format that cannot be read is bad input (exit 2).
    public init(report error: ReportError) {
        self.init(message: error.description, exitCode: Self.badInput)
    }
}
