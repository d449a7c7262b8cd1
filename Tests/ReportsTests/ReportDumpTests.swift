import DeskCore
import Foundation
import Testing
@testable import Reports

/// Writes the sample report in every format and language to `$REPORTS_DUMP_DIR`, for
/// looking at by eye (a browser's print preview for the HTML). Does nothing otherwise.
@Test func dumpSampleReportsWhenAsked() throws {
    guard let directory = ProcessInfo.processInfo.environment["REPORTS_DUMP_DIR"] else { return }
    let base = URL(fileURLWithPath: directory, isDirectory: true)
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    for (name, report) in [("sample", try SampleReport.make()), ("empty", try MonthlyReport.empty(month: "2026-10"))] {
        for language in Language.allCases {
            for format in ReportFormat.allCases {
                let text = try report.rendered(as: format, language: language)
                let file = base.appendingPathComponent("\(name).\(language.rawValue).\(format.fileExtension)")
                try Data(text.utf8).write(to: file)
            }
        }
    }
}
