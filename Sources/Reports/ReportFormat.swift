public import DeskCore

/// The formats of `dsar report monthly --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown = "md"
    case html
    case csv
    case json

    /// Parses `--format`; also accepts `markdown`.
    public init(argument: String) throws {
        let text = argument.lowercased()
        if let format = ReportFormat(rawValue: text) {
            self = format
        } else if text == "markdown" {
            self = .markdown
        } else {
            throw ReportError.unsupportedFormat(argument)
        }
    }

    /// File extension for `--out` defaults.
    public var fileExtension: String { rawValue }
}

extension MonthlyReport {
    /// The report in `format`, headings in `language` (CSV and JSON are the same in
    /// every language).
    public func rendered(as format: ReportFormat, language: Language) throws -> String {
        let labels = ReportLabels.labels(for: language)
        switch format {
        case .markdown: return MarkdownReportRenderer(labels: labels).render(self)
        case .html: return HTMLReportRenderer(labels: labels).render(self)
        case .csv: return CSVReportRenderer().render(self)
        case .json: return try JSONReportRenderer().render(self)
        }
    }
}
