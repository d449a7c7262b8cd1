import DeskCore
import Foundation
import Testing
@testable import Reports

@Suite struct MonthlyReportTests {
    @Test func emptyMonthHasZerosNullRatesAndTwelveTrendMonths() throws {
        let report = try MonthlyReport.empty(month: "2026-02", generatedAt: Date(timeIntervalSince1970: 1_793_000_000))
        #expect(report.received.total == 0)
        #expect(report.received.byRight.map(\.key) == Right.allCases.map(\.rawValue))
        #expect(report.received.byChannel.map(\.key) == ["email", "web_form", "paper", "phone", "in_person"])
        #expect(report.received.byLanguage.map(\.key) == ["uz", "uz-Cyrl", "ru", "en"])
        #expect(report.closed.byOutcome.map(\.key) == ["fulfilled", "partially_fulfilled", "refused", "withdrawn", "lifted"])
        #expect(report.onTime.overall.rate == nil)
        #expect(report.onTime.byRight.allSatisfy { $0.rate == nil })
        #expect(report.timeToClose.overall.median == nil)
        #expect(report.backlog.aging.map(\.key) == ["0-5", "6-10", "11-30", ">30"])
        #expect(report.trend.map(\.month) == [
            "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
            "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02",
        ])
    }

    @Test(arguments: ["2026-13", "2026-1", "26-01", "2026/01", "", "2026-00", "２０２６-01"])
    func invalidMonthIsRejected(_ text: String) {
        #expect(throws: ReportError.invalidMonth(text)) { try MonthlyReport.empty(month: text, generatedAt: Date(timeIntervalSince1970: 1_793_000_000)) }
    }

    @Test func onTimeRateIsOnTimeOverClosed() {
        let onTime = MonthlyReport.OnTime(byRight: [
            .init(right: .erasure, closed: 4, onTime: 3),
            .init(right: .access, closed: 6, onTime: 6),
        ])
        #expect(onTime.byRight.map(\.right) == Right.allCases)
        #expect(onTime.overall.closed == 10)
        #expect(onTime.overall.rate == 0.9)
        #expect(onTime.byRight[0].rate == 1.0)
        #expect(onTime.byRight[1].rate == nil)
    }

    /// Same figures as PostgreSQL's `percentile_cont`.
    @Test(arguments: [
        ([5], 5.0, 5.0),
        ([1, 2], 1.5, 1.9),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9.1),
        ([10, 1, 3], 3.0, 8.6),
    ])
    func percentilesInterpolate(_ days: [Int], _ median: Double, _ p90: Double) throws {
        let statistics = MonthlyReport.DaysStatistics(days: days)
        #expect(statistics.count == days.count)
        #expect(abs(try #require(statistics.median) - median) < 1e-9)
        #expect(abs(try #require(statistics.p90) - p90) < 1e-9)
    }

    @Test func agingBuckets() {
        #expect([0, 5, 6, 10, 11, 30, 31, 400].map(MonthlyReport.Backlog.bucket(forDaysOpen:))
            == ["0-5", "0-5", "6-10", "6-10", "11-30", "11-30", ">30", ">30"])
        let backlog = MonthlyReport.Backlog(aging: ["0-5": 2, ">30": 1])
        #expect(backlog.open == 3)
    }

    @Test func refusalsKeepSpecOrderThenPolicyGrounds() {
        let refusals = MonthlyReport.refusals(byGround: ["excessive": 1, "zz_policy": 2, "identity_not_verified": 3, "aa_policy": 1])
        #expect(refusals.map(\.key) == ["identity_not_verified", "excessive", "aa_policy", "zz_policy"])
    }

    @Test func trailingMonthsCrossTheYear() throws {
        let months = try #require(ReportMonth("2026-01")).trailingMonths(3).map(\.description)
        #expect(months == ["2025-11", "2025-12", "2026-01"])
    }
}
