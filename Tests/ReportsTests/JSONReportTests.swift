import DeskCore
import Foundation
import Testing
@testable import Reports

@Suite struct JSONReportTests {
    @Test func roundTripsThroughJSONDecoder() throws {
        let report = try SampleReport.make()
        let json = try JSONReportRenderer().render(report)
        let decoded = try JSONReportRenderer.makeDecoder().decode(MonthlyReport.self, from: Data(json.utf8))
        #expect(decoded == report)
    }

    @Test func emptyMonthRoundTrips() throws {
        let report = try MonthlyReport.empty(month: "2026-03", generatedAt: SampleReport.generatedAt)
        let json = try JSONReportRenderer().render(report)
        #expect(try JSONReportRenderer.makeDecoder().decode(MonthlyReport.self, from: Data(json.utf8)) == report)
        #expect(json.contains("\"rate\" : null"))
        #expect(json.contains("\"median\" : null"))
        #expect(json.contains("\"policy\" : null"))
    }

    /// Every field name documented on `MonthlyReport` appears in the output.
    @Test func containsTheDocumentedFieldNames() throws {
        let json = try JSONReportRenderer().render(try SampleReport.make())
        let documented = [
            "month", "time_zone", "policy", "generated_at", "received", "total", "by_right", "by_channel",
            "by_language", "by_policy", "key", "count", "closed", "by_outcome", "on_time", "overall", "rate",
            "right", "late", "reference", "due", "closed_on", "days_late", "time_to_close", "median", "p90",
            "extensions", "by", "reason", "clock_pauses", "total_days", "refusals_by_ground",
            "identity_verification_failures", "erasures", "system", "categories", "recipient_notifications",
            "items", "recipient", "sent_on", "backlog", "open", "aging", "overdue", "days_overdue", "assignee",
            "trend", "on_time_rate",
        ]
        for name in documented {
            #expect(json.contains("\"\(name)\" :"), "missing \(name)")
        }
        #expect(json.contains("\"generated_at\" : \"2026-11-01T08:00:00Z\""))
        #expect(!json.contains("timeZone"))
        #expect(!json.contains("onTime"))
    }

    @Test func keysAreSorted() throws {
        let json = try JSONReportRenderer().render(try SampleReport.make())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.count == 16)
        let topLevelKeys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topLevelKeys == topLevelKeys.sorted())
    }
}
