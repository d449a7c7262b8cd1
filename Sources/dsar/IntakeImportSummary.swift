import DeskIntake

/// The table `dsar intake import` ends with (on stderr with --json).
enum IntakeImportSummary {
    static func text(_ summary: IntakeImporter.Summary, dryRun: Bool) -> String {
        let rows: [(String, Int)] = [
            ("messages", summary.messages), ("new", summary.new), ("replies", summary.replies),
            ("duplicates", summary.duplicates), ("triage", summary.triage), ("quarantined", summary.quarantined),
            (dryRun ? "requests (would create)" : "requests created", dryRun ? 0 : summary.requests),
        ]
        var table = TextTable(headers: [dryRun ? "dry run (nothing written)" : "imported", "count"])
        for (label, value) in rows where !(dryRun && label.hasPrefix("requests")) {
            table.append([label, String(value)])
        }
        var text = table.render()
        if summary.datesReplaced > 0 {
            text += "\n\(summary.datesReplaced) message(s) had no usable Date; their requests count from the import time."
        }
        return text
    }
}
