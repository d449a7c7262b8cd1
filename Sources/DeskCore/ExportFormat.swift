/// The format of a portability export.
public enum ExportFormat: String, CaseIterable, Codable, Sendable, Hashable {
    case json
    case csv
}
