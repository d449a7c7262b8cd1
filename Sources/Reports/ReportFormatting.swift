import Foundation

/// How figures are written in reports: the same digits in every language.
enum ReportNumber {
    /// Shown for a figure that does not exist (no closures → no rate).
    static let none = "—"

    /// `0.8333` → `83.3%`; nil → `—`.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return none }
        return String(format: "%.1f%%", rate * 100)
    }

    /// `4` → `4`, `4.5` → `4.5`, `4.25` → `4.3`; nil → `—`.
    static func days(_ value: Double?) -> String {
        guard let value else { return none }
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.1f", value)
    }

    /// For machine-readable output: integers as integers, fractions with at most 4
    /// decimals, nil as the empty string.
    static func machine(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// ISO 8601 timestamps as the JSON output writes them (`2026-11-01T08:00:00Z`).
enum ReportTimestamp {
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

extension String {
    /// Escaped for XML/HTML text and attribute values; characters XML 1.0 forbids
    /// (most C0 controls) are dropped so the document always parses.
    var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escaped for a GitHub-flavoured Markdown table cell: no pipes, no raw HTML,
    /// no emphasis, line breaks as `<br>`.
    var markdownCellEscaped: String {
        var out = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|", "\\", "*", "_", "`", "[", "]", "#": out += "\\" + String(scalar)
            case "\r": out += "<br>"
            case "\n": if !previousWasCR { out += "<br>" }
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; records end in CRLF.
enum CSV {
    /// One record, CRLF-terminated.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// Free text (names, reasons) is neutralised against spreadsheet formula injection:
    /// a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` in front (OWASP advice), since
    /// the register is opened in spreadsheets and names come from incoming mail.
    static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + value
        default: return value
        }
    }
}
