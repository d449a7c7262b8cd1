import DeskCore
import DeskIntake
import LetterDesk
import MailTransport

/// The lines `dsar intake fetch` prints after a pass.
enum FetchSummary {
    static func render(_ report: MailboxFetchJob.Report, account: MailAccount, dryRun: Bool) -> String {
        let summary = report.pass.summary
        var parts = ["\(account.description): \(report.pass.fetched) message\(report.pass.fetched == 1 ? "" : "s") fetched"]
        if report.pass.fetched > 0 {
            parts.append("\(summary.new) new (\(dryRun ? "would create" : "created") \(summary.requests) request\(summary.requests == 1 ? "" : "s"))")
            parts.append("\(summary.replies) repl\(summary.replies == 1 ? "y" : "ies")")
            parts.append("\(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s")")
            parts.append("\(summary.triage) triage")
            parts.append("\(summary.quarantined) quarantined")
        }
        var lines = [parts.joined(separator: ", ") + (dryRun ? " (dry run: nothing written)." : ".")]
        if report.pass.uidValidityChanged {
            lines.append("The server renumbered the folder (UIDVALIDITY changed): it was read again from the start; what the desk held was recognised as duplicates.")
        }
        if !report.bounced.isEmpty {
            lines.append("Delivery failed for letters of \(report.bounced.joined(separator: ", ")): marked bounced (flag B in `dsar queue`).")
        }
        if !report.sent.isEmpty {
            let sent = report.sent.filter { $0.status == .sent }.count
            lines.append("Outbox: \(sent) of \(report.sent.count) letter\(report.sent.count == 1 ? "" : "s") sent.")
        }
        return lines.joined(separator: "\n")
    }
}
