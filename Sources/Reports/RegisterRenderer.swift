import DeskCore
import Foundation

/// The formats of `dsar report register --format`.
public enum RegisterFormat: String, CaseIterable, Sendable {
    case csv
    case json
}

/// Writes the register as CSV or JSON. Requester contacts (name, email) appear only when
/// asked for, so that the usual export carries no personal data beyond references.
///
/// Columns (CSV header and JSON keys, in this order): `reference, right, policy, channel,
/// received, due, extended_due, closed, outcome, ground, on_time, assignee`, then
/// `requester_name, requester_email` with contacts. CSV writes `on_time` as `yes`/`no`
/// and missing values as empty fields; JSON writes `on_time` as a boolean and missing
/// values as null.
public struct RegisterRenderer: Sendable {
    public let includeContacts: Bool

    public static let baseColumns = [
        "reference", "right", "policy", "channel", "received", "due", "extended_due",
        "closed", "outcome", "ground", "on_time", "assignee",
    ]
    public static let contactColumns = ["requester_name", "requester_email"]

    public init(includeContacts: Bool) {
        self.includeContacts = includeContacts
    }

    public var columns: [String] { Self.baseColumns + (includeContacts ? Self.contactColumns : []) }

    public func render(_ rows: [RegisterRow], as format: RegisterFormat) throws -> String {
        switch format {
        case .csv: return csv(rows)
        case .json: return try json(rows)
        }
    }

    /// RFC 4180 CSV with a header row, CRLF, UTF-8.
    public func csv(_ rows: [RegisterRow]) -> String {
        opening(.csv) + rows.map(csvRecord).joined() + closing(.csv)
    }

    /// A JSON array of objects, sorted keys.
    public func json(_ rows: [RegisterRow]) throws -> String {
        opening(.json) + (try records(rows, as: .json, continuing: false)) + closing(.json)
    }

    // MARK: Streaming
    //
    // A register can hold a million requests: callers write `opening`, then `records` for each
    // batch as it is read (`continuing` true after the first non-empty batch), then `closing`.

    /// What comes before the first record: the CSV header, or the JSON array's `[`.
    public func opening(_ format: RegisterFormat) -> String {
        switch format {
        case .csv: return CSV.record(columns)
        case .json: return "["
        }
    }

    /// One batch of records. For JSON, `continuing` says records were written before, so this
    /// batch starts with a separating comma.
    public func records(_ rows: [RegisterRow], as format: RegisterFormat, continuing: Bool) throws -> String {
        var out = ""
        switch format {
        case .csv:
            for row in rows { out += csvRecord(row) }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            for (offset, row) in rows.enumerated() {
                let object = String(decoding: try encoder.encode(Entry(row: row, includeContacts: includeContacts)), as: UTF8.self)
                out += (continuing || offset > 0 ? ",\n  " : "\n  ") + object.replacingOccurrences(of: "\n", with: "\n  ")
            }
        }
        return out
    }

    /// What comes after the last record.
    public func closing(_ format: RegisterFormat) -> String {
        switch format {
        case .csv: return ""
        case .json: return "\n]\n"
        }
    }

    private func csvRecord(_ row: RegisterRow) -> String {
        var fields = [
            CSV.text(row.reference), row.right.rawValue, CSV.text(row.policy), row.channel.rawValue,
            row.received, row.due, row.extendedDue ?? "", row.closed ?? "",
            row.outcome?.rawValue ?? "", CSV.text(row.ground ?? ""),
            row.onTime.map { $0 ? "yes" : "no" } ?? "", CSV.text(row.assignee ?? ""),
        ]
        if includeContacts {
            fields += [CSV.text(row.requesterName ?? ""), CSV.text(row.requesterEmail ?? "")]
        }
        return CSV.record(fields)
    }

    /// One JSON object; contact keys exist only with contacts.
    private struct Entry: Encodable {
        let row: RegisterRow
        let includeContacts: Bool

        enum CodingKeys: String, CodingKey {
            case reference, right, policy, channel, received, due
            case extendedDue = "extended_due"
            case closed, outcome, ground
            case onTime = "on_time"
            case assignee
            case requesterName = "requester_name"
            case requesterEmail = "requester_email"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(row.reference, forKey: .reference)
            try c.encode(row.right, forKey: .right)
            try c.encode(row.policy, forKey: .policy)
            try c.encode(row.channel, forKey: .channel)
            try c.encode(row.received, forKey: .received)
            try c.encode(row.due, forKey: .due)
            try c.encode(row.extendedDue, forKey: .extendedDue)
            try c.encode(row.closed, forKey: .closed)
            try c.encode(row.outcome, forKey: .outcome)
            try c.encode(row.ground, forKey: .ground)
            try c.encode(row.onTime, forKey: .onTime)
            try c.encode(row.assignee, forKey: .assignee)
            if includeContacts {
                try c.encode(row.requesterName, forKey: .requesterName)
                try c.encode(row.requesterEmail, forKey: .requesterEmail)
            }
        }
    }
}
