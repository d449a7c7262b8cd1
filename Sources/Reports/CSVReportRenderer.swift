import DeskCore

/// Renders a ``MonthlyReport`` as one long CSV table `section,key,subkey,value`
/// (RFC 4180: quoted where needed, CRLF, UTF-8 without BOM) for spreadsheets and scripts.
///
/// Codes, not translations, fill `section`, `key` and `subkey`, so the file is the same
/// in every language. Lists (late closures, extensions, erasures, notifications, overdue)
/// use the 1-based item number as `key` and the field name as `subkey`. A null figure is
/// an empty `value`; rates are fractions (0.8333), not percentages.
///
/// | section | key | subkey |
/// |---|---|---|
/// | `meta` | `month`, `time_zone`, `policy`, `generated_at` | |
/// | `received` | `total` | |
/// | `received_by_right` / `_by_channel` / `_by_language` / `_by_policy` | code | |
/// | `closed` | `total` | |
/// | `closed_by_outcome` / `closed_by_right` | code | |
/// | `on_time` | `all` or a right | `closed`, `on_time`, `rate` |
/// | `late` | n | `reference`, `right`, `due`, `closed_on`, `days_late` |
/// | `time_to_close` | `all` or a right | `count`, `median`, `p90` |
/// | `extensions` | n | `reference`, `right`, `by`, `reason` |
/// | `clock_pauses` | `count`, `total_days` | |
/// | `refusals_by_ground` | ground | |
/// | `identity_verification_failures` | `count` | |
/// | `erasures` | n | `reference`, `system`, `categories` (joined with `; `) |
/// | `recipient_notifications` | `count`, or n | (n:) `reference`, `recipient`, `sent_on` |
/// | `backlog` | `open` | |
/// | `backlog_aging` | bucket | |
/// | `overdue` | n | `reference`, `right`, `due`, `days_overdue`, `assignee` |
/// | `trend` | `YYYY-MM` | `received`, `closed`, `on_time_rate` |
public struct CSVReportRenderer: Sendable {
    public static let header = ["section", "key", "subkey", "value"]

    public init() {}

    public func render(_ report: MonthlyReport) -> String {
        rows(report).reduce(CSV.record(Self.header)) { $0 + CSV.record($1) }
    }

    /// The records without the header, before quoting (tests count them).
    func rows(_ report: MonthlyReport) -> [[String]] {
        var rows: [[String]] = []
        func add(_ section: String, _ key: String, _ subkey: String = "", _ value: String) {
            rows.append([section, key, subkey, value])
        }
        func addCounts(_ section: String, _ counts: [MonthlyReport.KeyCount]) {
            for item in counts { add(section, CSV.text(item.key), "", "\(item.count)") }
        }
        func addItems(_ section: String, _ items: [[(String, String)]]) {
            for (index, fields) in items.enumerated() {
                for (name, value) in fields { add(section, "\(index + 1)", name, value) }
            }
        }

        add("meta", "month", "", report.month)
        add("meta", "time_zone", "", CSV.text(report.timeZone))
        add("meta", "policy", "", CSV.text(report.policy ?? ""))
        add("meta", "generated_at", "", ReportTimestamp.iso8601(report.generatedAt))

        add("received", "total", "", "\(report.received.total)")
        addCounts("received_by_right", report.received.byRight)
        addCounts("received_by_channel", report.received.byChannel)
        addCounts("received_by_language", report.received.byLanguage)
        addCounts("received_by_policy", report.received.byPolicy)

        add("closed", "total", "", "\(report.closed.total)")
        addCounts("closed_by_outcome", report.closed.byOutcome)
        addCounts("closed_by_right", report.closed.byRight)

        let overall = report.onTime.overall
        add("on_time", "all", "closed", "\(overall.closed)")
        add("on_time", "all", "on_time", "\(overall.onTime)")
        add("on_time", "all", "rate", ReportNumber.machine(overall.rate))
        for item in report.onTime.byRight {
            add("on_time", item.right.rawValue, "closed", "\(item.closed)")
            add("on_time", item.right.rawValue, "on_time", "\(item.onTime)")
            add("on_time", item.right.rawValue, "rate", ReportNumber.machine(item.rate))
        }
        addItems("late", report.onTime.late.map {
            [("reference", CSV.text($0.reference)), ("right", $0.right.rawValue), ("due", $0.due),
             ("closed_on", $0.closedOn), ("days_late", "\($0.daysLate)")]
        })

        let ttc = report.timeToClose
        let ttcRows = [("all", ttc.overall)] + ttc.byRight.map { ($0.right.rawValue, $0.statistics) }
        for (key, statistics) in ttcRows {
            add("time_to_close", key, "count", "\(statistics.count)")
            add("time_to_close", key, "median", ReportNumber.machine(statistics.median))
            add("time_to_close", key, "p90", ReportNumber.machine(statistics.p90))
        }

        addItems("extensions", report.extensions.map {
            [("reference", CSV.text($0.reference)), ("right", $0.right.rawValue), ("by", CSV.text($0.by)),
             ("reason", CSV.text($0.reason))]
        })
        add("clock_pauses", "count", "", "\(report.clockPauses.count)")
        add("clock_pauses", "total_days", "", "\(report.clockPauses.totalDays)")
        addCounts("refusals_by_ground", report.refusalsByGround)
        add("identity_verification_failures", "count", "", "\(report.identityVerificationFailures)")
        addItems("erasures", report.erasures.map {
            [("reference", CSV.text($0.reference)), ("system", CSV.text($0.system)),
             ("categories", CSV.text($0.categories.joined(separator: "; ")))]
        })
        add("recipient_notifications", "count", "", "\(report.recipientNotifications.count)")
        addItems("recipient_notifications", report.recipientNotifications.items.map {
            [("reference", CSV.text($0.reference)), ("recipient", CSV.text($0.recipient)), ("sent_on", $0.sentOn)]
        })
        add("backlog", "open", "", "\(report.backlog.open)")
        addCounts("backlog_aging", report.backlog.aging)
        addItems("overdue", report.backlog.overdue.map {
            [("reference", CSV.text($0.reference)), ("right", $0.right.rawValue), ("due", $0.due),
             ("days_overdue", "\($0.daysOverdue)"), ("assignee", CSV.text($0.assignee ?? ""))]
        })
        for point in report.trend {
            add("trend", point.month, "received", "\(point.received)")
            add("trend", point.month, "closed", "\(point.closed)")
            add("trend", point.month, "on_time_rate", ReportNumber.machine(point.onTimeRate))
        }
        return rows
    }
}
