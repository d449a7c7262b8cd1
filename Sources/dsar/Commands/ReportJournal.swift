import ArgumentParser
import DeskCore
import DeskStore
import Foundation
import Reports

extension Dsar.Report {
    /// `dsar report journal`
    struct Journal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "journal",
            abstract: "Export the erasure journal of a period for the regulator.",
            discussion: """
                One line per erasure-journal entry performed in the period: request reference, policy, \
                system, data categories, method, who performed it and when, who approved the entry for the \
                operator, who recorded it. No requester names. Dates are local to the desk.

                Example:
                  dsar report journal --from 2026-01-01 --to 2026-12-31 --format csv --out journal-2026.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "First day, YYYY-MM-DD (inclusive).") var from: String
        @Option(help: "Last day, YYYY-MM-DD (inclusive).") var to: String
        @Option(help: "csv, json or html.") var format: String = "csv"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func validate() throws {
            let fromDate = try Register.date(from, option: "--from")
            let toDate = try Register.date(to, option: "--to")
            if toDate < fromDate { throw ValidationError("--to \(toDate.iso) is before --from \(fromDate.iso); swap them.") }
            guard JournalFormat(rawValue: format.lowercased()) != nil else {
                throw ValidationError("--format \(format.prefix(20)) is not known; use csv, json or html.")
            }
            try ReportOutput.validate(out)
        }

        func run() throws {
            guard let format = JournalFormat(rawValue: format.lowercased()), let fromDate = LocalDate(iso: from),
                let toDate = LocalDate(iso: to)
            else { return }
            let session = try DeskSession.open(global)
            let rows = try ErasureJournalQuery(session.db).lines(from: fromDate, to: toDate).map { line in
                ErasureJournalRow(reference: line.reference, policy: line.policy, entry: line.entry, recordedBy: line.recordedBy)
            }
            let output = try ReportOutput(path: out)
            try output.write(try ErasureJournalRenderer.render(rows, format: format, from: fromDate.iso, to: toDate.iso))
            try output.finish()
        }
    }
}
