import DeskCore
import Foundation
import Testing
@testable import Reports

/// Writes the sample report in every format and language to `$REPORTS_DUMP_DIR`, for looking at
/// by eye (a browser's print preview for the HTML). Opt-in: it runs only when the variable is set
/// (`REPORTS_DUMP_DIR=/tmp/reports swift test --filter ReportDump`), and then checks that every
/// file was written with what was rendered.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["REPORTS_DUMP_DIR"] != nil, "set REPORTS_DUMP_DIR to write the reports"))
struct ReportDumpTests {
    @Test func dumpSampleReports() throws {
        let directory = try #require(ProcessInfo.processInfo.environment["REPORTS_DUMP_DIR"])
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var written = 0
        for (name, report) in [("sample", try SampleReport.make()), ("empty", try MonthlyReport.empty(month: "2026-10", generatedAt: Date(timeIntervalSince1970: 1_793_000_000)))] {
            for language in Language.allCases {
                for format in ReportFormat.allCases {
                    let text = try report.rendered(as: format, language: language)
                    let file = base.appendingPathComponent("\(name).\(language.rawValue).\(format.fileExtension)")
                    try Data(text.utf8).write(to: file)
                    #expect(!text.isEmpty, "\(file.lastPathComponent) is empty")
                    #expect(try Data(contentsOf: file) == Data(text.utf8), "\(file.lastPathComponent) was not written whole")
                    written += 1
                }
            }
        }
        #expect(written == 2 * Language.allCases.count * ReportFormat.allCases.count)
    }
}
