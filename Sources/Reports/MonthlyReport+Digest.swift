public import DeskCore
import Foundation

extension MonthlyReport {
    /// The month-end digest as the report's last line (md, html, csv; JSON stays the figures alone).
    public static func appending(_ digest: AuditDigest, to text: String, format: ReportFormat) -> String {
        switch format {
        case .markdown: return text + (text.hasSuffix("\n") ? "" : "\n") + "\n" + digest.description + "\n"
        case .html:
            guard let end = text.range(of: "</body>", options: .backwards) else { return text }
            return text.replacingCharacters(in: end, with: "<p class=\"audit-digest\"><code>\(digest.description)</code></p>\n</body>")
        case .csv: return text + (text.hasSuffix("\n") ? "" : "\n") + "audit_digest,\(digest.token)\n"
        case .json: return text
        }
    }
}
