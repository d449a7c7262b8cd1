import DeskCore
import Foundation
import Testing
@testable import Reports

/// A hand-built month with something in every section, including text that needs
/// escaping in every format.
enum SampleReport {
    static let trickyReason = "He said \"wait\", then left\nlater"
    static let generatedAt = Date(timeIntervalSince1970: 1_793_520_000)  // 2026-11-01T08:00:00Z

    static func make() throws -> MonthlyReport {
        var report = try MonthlyReport.empty(month: "2026-10", generatedAt: generatedAt)
        report.received = .init(
            byRight: [.access: 12, .rectification: 4, .erasure: 7, .restriction: 1, .objection: 3],
            byChannel: [.email: 20, .webForm: 5, .paper: 2],
            byLanguage: [.uzbekLatin: 10, .uzbekCyrillic: 3, .russian: 12, .english: 2],
            byPolicy: ["uz": 25, "gdpr": 2]
        )
        report.closed = .init(
            byOutcome: [.fulfilled: 15, .partiallyFulfilled: 2, .refused: 3, .withdrawn: 1],
            byRight: [.access: 10, .rectification: 4, .erasure: 5, .objection: 2]
        )
        report.onTime = .init(
            byRight: [
                .init(right: .access, closed: 10, onTime: 9),
                .init(right: .rectification, closed: 4, onTime: 3),
                .init(right: .erasure, closed: 5, onTime: 5),
                .init(right: .objection, closed: 2, onTime: 2),
            ],
            late: [
                .init(reference: "DSAR-2026-000101", right: .access, due: "2026-10-05", closedOn: "2026-10-08", daysLate: 3),
                .init(reference: "DSAR-2026-000117", right: .rectification, due: "2026-10-12", closedOn: "2026-10-13", daysLate: 1),
            ]
        )
        report.timeToClose = .init(
            overall: .init(days: [1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 3, 4, 5, 6, 2, 2, 9, 12, 3]),
            byRight: [.access: .init(days: [2, 4, 6, 8, 9, 9, 10, 11, 12, 13]), .erasure: .init(days: [3, 5])]
        )
        report.extensions = [
            .init(reference: "DSAR-2026-000120", right: .access, by: "5wd", reason: trickyReason),
            .init(reference: "DSAR-2026-000121", right: .erasure, by: "1m", reason: "Backups <tape> & archive; 'old' system"),
        ]
        report.clockPauses = .init(count: 4, totalDays: 11)
        report.refusalsByGround = MonthlyReport.refusals(byGround: [
            "excessive": 1, "identity_not_verified": 2, "company_secret": 1,
        ])
        report.identityVerificationFailures = 2
        report.erasures = [
            .init(reference: "DSAR-2026-000110", system: "CRM", categories: ["contact", "orders"]),
            .init(reference: "DSAR-2026-000111", system: "Mail, archive", categories: ["email"]),
        ]
        report.recipientNotifications = .init(items: [
            .init(reference: "DSAR-2026-000110", recipient: "Payme LLC", sentOn: "2026-10-20"),
        ])
        report.backlog = .init(
            aging: ["0-5": 3, "6-10": 2, "11-30": 1, ">30": 1],
            overdue: [
                .init(reference: "DSAR-2026-000090", right: .erasure, due: "2026-10-20", daysOverdue: 11, assignee: "dilnoza"),
                .init(reference: "DSAR-2026-000095", right: .access, due: "2026-10-28", daysOverdue: 3, assignee: nil),
            ]
        )
        report.trend = try #require(ReportMonth("2026-10")).trailingMonths(12).enumerated().map { index, month in
            .init(
                month: month.description, received: 10 + index * 2, closed: 8 + index,
                onTimeRate: index == 3 ? nil : 0.7 + Double(index) * 0.02
            )
        }
        return report
    }
}

/// Runs `python3 -c script` with `input` on stdin and returns stdout; throws on failure.
func runPython(_ script: String, input: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PythonFailure(message: String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: output, as: UTF8.self)
}

struct PythonFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { "python3 failed: \(message)" }
}

/// Parses CSV text with Python's `csv` module and returns the records.
func parseCSVWithPython(_ text: String) throws -> [[String]] {
    let script = """
    import csv, io, json, sys
    data = sys.stdin.buffer.read().decode('utf-8')
    assert data.endswith('\\r\\n'), 'records must end in CRLF'
    rows = list(csv.reader(io.StringIO(data, newline=''), strict=True))
    print(json.dumps(rows))
    """
    let json = try runPython(script, input: text)
    return try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
}
