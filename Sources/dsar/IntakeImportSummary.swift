import DeskIntake
import MailIntake

/// The table `dsar intake import` ends with (on stderr with --json).
enum IntakeImportSummary {
    static func text(_ summary: IntakeImporter.Summary, dryRun: Bool) -> String {
        let rows: [(String, Int)] = [
            ("messages", summary.messages), ("new", summary.new), ("replies", summary.replies),
            ("duplicates", summary.duplicates), ("triage", summary.triage), ("quarantined", summary.quarantined),
            (dryRun ? "requests (would create)" : "requests created", summary.requests),
        ]
        var table = TextTable(headers: [dryRun ? "dry run (nothing written)" : "imported", "count"])
        for (label, value) in rows {
            table.append([label, String(value)])
        }
        var text = table.render()
        if summary.datesReplaced > 0 {
            text += "\n\(summary.datesReplaced) message(s) had no usable Date; their requests count from the import time."
        }
        return text
    }

    /// One line per folder of `.eml` files that holds other files too, which are not read: the
    /// DPO should know that `scan.pdf` beside the messages was not imported.
    static func skippedFiles(_ paths: [String]) -> [String] {
        paths.compactMap { path in
            guard path != "-", let folder = try? MessageFolder(path: path), !folder.skipped.isEmpty else { return nil }
            let shown = folder.skipped.prefix(3).joined(separator: ", ")
            let more = folder.skipped.count > 3 ? ", …" : ""
            return "\(path): \(folder.skipped.count) file(s) not named .eml were not read (\(shown)\(more)); "
                + "save messages as .eml to import them."
        }
    }
}
