public import DeskCore
import Foundation

/// One line of the erasure journal as the report writes it (`dsar report journal`): the entry and
/// the request it belongs to.
public struct ErasureJournalRow: Sendable, Equatable {
    public var reference: String
    public var policy: String
    public var entry: ErasureJournalEntry
    public var recordedBy: String

    public init(reference: String, policy: String, entry: ErasureJournalEntry, recordedBy: String) {
        self.reference = reference
        self.policy = policy
        self.entry = entry
        self.recordedBy = recordedBy
    }

    /// `performed_at` as an ISO 8601 instant.
    var performedAt: String { ISO8601DateFormatter().string(from: entry.performedAt) }
    /// Empty when the entry was recorded before approvers were kept.
    var approvedBy: String { entry.approvedBy ?? "" }
}

/// The output formats of the journal.
public enum JournalFormat: String, CaseIterable, Sendable {
    case csv, json, html
}

/// Writes the erasure journal (School 21 policy, seed 002 §11.4: a journal approved by the
/// operator) as CSV, JSON or a printable HTML table, for the regulator.
public enum ErasureJournalRenderer {
    static let columns = ["reference", "policy", "system", "data_categories", "method", "performed_by", "performed_at",
                          "approved_by", "recorded_by"]

    public static func render(_ rows: [ErasureJournalRow], format: JournalFormat, from: String, to: String) throws -> String {
        switch format {
        case .csv:
            return CSV.record(columns) + rows.map { row in
                CSV.record([CSV.text(row.reference), CSV.text(row.policy), CSV.text(row.entry.system),
                            CSV.text(row.entry.dataCategories.joined(separator: "; ")), CSV.text(row.entry.method),
                            CSV.text(row.entry.performedBy),
                            row.performedAt, CSV.text(row.approvedBy), CSV.text(row.recordedBy)])
            }.joined()
        case .json:
            let entries: [[String: Any]] = rows.map { row in
                ["reference": row.reference, "policy": row.policy, "system": row.entry.system,
                 "data_categories": row.entry.dataCategories, "method": row.entry.method, "performed_by": row.entry.performedBy,
                 "performed_at": row.performedAt,
                 "approved_by": row.approvedBy.isEmpty ? NSNull() : row.approvedBy, "recorded_by": row.recordedBy]
            }
            let object: [String: Any] = ["from": from, "to": to, "entries": entries]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        case .html:
            var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
            html += "<title>Erasure journal \(from.xmlEscaped) – \(to.xmlEscaped)</title>"
            html += "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;text-align:left}</style>"
            html += "</head><body><h1>Erasure journal \(from.xmlEscaped) – \(to.xmlEscaped)</h1>"
            html += "<p>\(rows.count) entries. Each entry records what was destroyed, where, how, by whom, when, and who approved it.</p>"
            html += "<table><thead><tr>" + columns.map { "<th>\($0.xmlEscaped)</th>" }.joined() + "</tr></thead><tbody>"
            for row in rows {
                let cells = [row.reference, row.policy, row.entry.system, row.entry.dataCategories.joined(separator: ", "),
                             row.entry.method, row.entry.performedBy, row.performedAt, row.approvedBy.isEmpty ? "—" : row.approvedBy,
                             row.recordedBy]
                html += "<tr>" + cells.map { "<td>\($0.xmlEscaped)</td>" }.joined() + "</tr>"
            }
            html += "</tbody></table></body></html>\n"
            return html
        }
    }
}
