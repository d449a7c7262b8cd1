import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation
import Reports

extension Dsar.Report {
    /// `dsar report monthly YYYY-MM`
    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monthly",
            abstract: "The compliance report of one month: received, closed, on time, backlog, trend.",
            discussion: """
                Months are counted in the desk's time zone (setting desk.time_zone, default \
                Asia/Tashkent). Headings follow --lang; the figures are the same in every language. \
                The md, html and csv reports end with the audit log's digest at the month's end \
                (`dsar audit digest`), which `dsar audit verify --digest` checks later.

                Example:
                  dsar report monthly 2026-10 --format html --lang ru --out 2026-10.html
                """)

        /// The first month a report can be asked for (ZRU-547 is of 2019).
        static let earliest = ReportMonth(year: 2019, month: 1)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The month, YYYY-MM.") var month: String
        @Option(help: "md, html, csv or json.") var format: String = "md"
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Only requests under this policy (uz, uz-state, gdpr, ru …).") var policy: String?
        @Option(help: "Language of the headings: uz, uz-Cyrl, ru or en.") var lang: String = "uz"
        func validate() throws {
            guard let reportMonth = ReportMonth(month) else {
                throw ValidationError("\(month.prefix(20)) is not a month; give it as YYYY-MM, e.g. 2026-10.")
            }
            if let earliest = Self.earliest, reportMonth < earliest {
                throw ValidationError("\(month) is before 2019; the desk keeps no requests that old.")
            }
            do { _ = try ReportFormat(argument: format) } catch {
                throw ValidationError("--format \(format.prefix(20)) is not known; use md, html, csv or json.")
            }
            guard Language(rawValue: lang) != nil else {
                throw ValidationError("--lang \(lang.prefix(20)) is not known; use uz, uz-Cyrl, ru or en.")
            }
            if let policy { try InputRules.checkName(policy, option: "--policy") }
            try ReportOutput.validate(out)
        }

        func run() throws {
            guard let reportMonth = ReportMonth(month), let language = Language(rawValue: lang) else { return }
            let format = try ReportFormat(argument: format)
            let session = try DeskSession.open(global)
            let query = MonthlyReportQuery(session.db)
            let current = LocalDate(session.now, in: try query.deskTimeZone())
            if reportMonth > ReportMonth(year: current.year, month: current.month) ?? reportMonth {
                throw DeskFailure(
                    message: "\(month) has not begun yet (today is \(current.iso)); ask for this month or an earlier one.",
                    exitCode: DeskFailure.badInput)
            }
            let figures = try query.figures(year: reportMonth.year, month: reportMonth.month, policy: policy)
            var text = try MonthlyReport(figures, generatedAt: session.now).rendered(as: format, language: language)
            let monthEnd = LocalDate(year: reportMonth.year, month: reportMonth.month, day: 1)?.adding(months: 1)
                .startInstant(in: try query.deskTimeZone())
            if let monthEnd, let digest = try AuditLog(session.db).seal(asOf: monthEnd)?.digest {
                text = MonthlyReport.appending(digest, to: text, format: format)
            }
            let output = try ReportOutput(path: out)
            try output.write(text)
            try output.finish()
        }
    }
}
