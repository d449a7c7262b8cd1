/// Renders a ``MonthlyReport`` as GitHub-flavoured Markdown for pasting into a wiki:
/// one heading per section and a table per breakdown.
public struct MarkdownReportRenderer: Sendable {
    public let labels: ReportLabels

    public init(labels: ReportLabels) {
        self.labels = labels
    }

    public func render(_ report: MonthlyReport) -> String {
        let l = labels
        var out = "# \(l[.title].markdownCellEscaped) — \(report.month)\n\n"
        out += "- \(l[.month]): \(report.month)\n"
        out += "- \(l[.timeZone]): \(report.timeZone.markdownCellEscaped)\n"
        out += "- \(l[.policy]): \((report.policy ?? l[.allPolicies]).markdownCellEscaped)\n"
        out += "- \(l[.generatedAt]): \(ReportTimestamp.iso8601(report.generatedAt))\n\n"

        out += "## \(l[.received]): \(report.received.total)\n\n"
        out += "### \(l[.byRight])\n\n" + keyTable(l[.right], report.received.byRight, name: l.rightName)
        out += "### \(l[.byChannel])\n\n" + keyTable(l[.channel], report.received.byChannel, name: l.channelName)
        out += "### \(l[.byLanguage])\n\n" + keyTable(l[.language], report.received.byLanguage, name: l.languageName)
        out += "### \(l[.byPolicy])\n\n" + keyTable(l[.policy], report.received.byPolicy, name: { $0 })

        out += "## \(l[.closed]): \(report.closed.total)\n\n"
        out += "### \(l[.byOutcome])\n\n" + keyTable(l[.outcome], report.closed.byOutcome, name: l.outcomeName)
        out += "### \(l[.byRight])\n\n" + keyTable(l[.right], report.closed.byRight, name: l.rightName)

        let overall = report.onTime.overall
        out += "## \(l[.onTime]): \(ReportNumber.percent(overall.rate))\n\n"
        out += table(
            [l[.right], l[.closedCount], l[.onTimeCount], l[.rate]],
            report.onTime.byRight.map { [l.name(of: $0.right), "\($0.closed)", "\($0.onTime)", ReportNumber.percent($0.rate)] }
                + [["**\(l[.allRights])**", "\(overall.closed)", "\(overall.onTime)", ReportNumber.percent(overall.rate)]],
            numeric: [1, 2, 3], escapeFirstColumnOfLastRow: false
        )
        out += "### \(l[.lateClosures])\n\n"
        out += table(
            [l[.reference], l[.right], l[.due], l[.closedOn], l[.daysLate]],
            report.onTime.late.map { [$0.reference, l.name(of: $0.right), $0.due, $0.closedOn, "\($0.daysLate)"] },
            numeric: [4]
        )

        out += "## \(l[.timeToClose])\n\n"
        let ttc = report.timeToClose
        out += table(
            [l[.right], l[.count], l[.median], l[.p90]],
            ttc.byRight.map { [l.name(of: $0.right), "\($0.count)", ReportNumber.days($0.median), ReportNumber.days($0.p90)] }
                + [["**\(l[.allRights])**", "\(ttc.overall.count)", ReportNumber.days(ttc.overall.median), ReportNumber.days(ttc.overall.p90)]],
            numeric: [1, 2, 3], escapeFirstColumnOfLastRow: false
        )

        out += "## \(l[.extensions]): \(report.extensions.count)\n\n"
        out += table(
            [l[.reference], l[.right], l[.extendedBy], l[.reason]],
            report.extensions.map { [$0.reference, l.name(of: $0.right), $0.by, $0.reason] },
            numeric: []
        )

        out += "## \(l[.clockPauses])\n\n"
        out += table([l[.pauseCount], l[.totalDays]], [["\(report.clockPauses.count)", "\(report.clockPauses.totalDays)"]], numeric: [0, 1])

        out += "## \(l[.refusals])\n\n" + keyTable(l[.ground], report.refusalsByGround, name: l.groundName)
        out += "## \(l[.identityFailures]): \(report.identityVerificationFailures)\n\n"

        out += "## \(l[.erasures]): \(report.erasures.count)\n\n"
        out += table(
            [l[.reference], l[.system], l[.categories]],
            report.erasures.map { [$0.reference, $0.system, $0.categories.joined(separator: ", ")] },
            numeric: []
        )

        out += "## \(l[.recipientNotifications]): \(report.recipientNotifications.count)\n\n"
        out += table(
            [l[.reference], l[.recipient], l[.sentOn]],
            report.recipientNotifications.items.map { [$0.reference, $0.recipient, $0.sentOn] },
            numeric: []
        )

        out += "## \(l[.backlog]): \(report.backlog.open)\n\n"
        out += "### \(l[.aging])\n\n" + keyTable(l[.days], report.backlog.aging, name: { $0 })
        out += "### \(l[.overdue]): \(report.backlog.overdue.count)\n\n"
        out += table(
            [l[.reference], l[.right], l[.due], l[.daysOverdue], l[.assignee]],
            report.backlog.overdue.map {
                [$0.reference, l.name(of: $0.right), $0.due, "\($0.daysOverdue)", $0.assignee ?? l[.unassigned]]
            },
            numeric: [3]
        )

        out += "## \(l[.trend])\n\n"
        out += table(
            [l[.month], l[.receivedCount], l[.closedCount], l[.onTimeRate]],
            report.trend.map { [$0.month, "\($0.received)", "\($0.closed)", ReportNumber.percent($0.onTimeRate)] },
            numeric: [1, 2, 3]
        )
        return out
    }

    /// A two-column table of counts with a translated first column.
    private func keyTable(_ heading: String, _ rows: [MonthlyReport.KeyCount], name: (String) -> String) -> String {
        table([heading, labels[.count]], rows.map { [name($0.key), "\($0.count)"] }, numeric: [1])
    }

    /// A GitHub table; numeric columns are right-aligned; no rows → "None this month."
    private func table(
        _ headings: [String], _ rows: [[String]], numeric: Set<Int>, escapeFirstColumnOfLastRow: Bool = true
    ) -> String {
        guard !rows.isEmpty else { return "_\(labels[.noneInMonth].markdownCellEscaped)_\n\n" }
        var out = "| " + headings.map(\.markdownCellEscaped).joined(separator: " | ") + " |\n"
        out += "|" + headings.indices.map { numeric.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for (rowIndex, row) in rows.enumerated() {
            let isTotalRow = !escapeFirstColumnOfLastRow && rowIndex == rows.count - 1
            let cells = row.enumerated().map { index, cell in
                isTotalRow && index == 0 ? cell : cell.markdownCellEscaped
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }
}
