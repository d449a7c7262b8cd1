/// Renders a ``MonthlyReport`` as one self-contained HTML file: inline CSS, inline SVG
/// charts, no scripts and no external assets, A4 print layout.
///
/// The markup is XHTML-compatible (every element closed, every text escaped, no named
/// entities) so that an XML parser reads it as well as a browser.
public struct HTMLReportRenderer: Sendable {
    public let labels: ReportLabels

    public init(labels: ReportLabels) {
        self.labels = labels
    }

    /// Colours of the trend chart (colour-blind safe) and the bar chart.
    static let receivedColor = "#1f77b4"
    static let closedColor = "#e6780b"
    static let rateColor = "#2a9d3a"

    static let stylesheet = """
    @page { size: A4; margin: 15mm }
    * { box-sizing: border-box }
    body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 190mm; padding: 8mm 0 }
    h1 { font-size: 18pt; margin: 0 0 2mm }
    h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #999999 }
    h3 { font-size: 11pt; margin: 4mm 0 1.5mm }
    dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; margin: 0 0 4mm; color: #444444 }
    dl.meta dt { font-weight: bold }
    dl.meta dd { margin: 0 }
    .figures { display: flex; flex-wrap: wrap; gap: 3mm; margin: 3mm 0 }
    .figure { border: 1px solid #bbbbbb; border-radius: 2mm; padding: 2mm 4mm; min-width: 35mm }
    .figure .value { font-size: 16pt; font-weight: bold; display: block }
    .grid { display: flex; flex-wrap: wrap; gap: 6mm }
    .grid > div { flex: 1 1 55mm }
    table.counts { width: auto; min-width: 50% }
    .grid table.counts { width: 100% }
    table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm }
    th, td { border: 1px solid #cccccc; padding: 1mm 2mm; text-align: left; vertical-align: top }
    th { background: #f0f0f0 }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums }
    td.text { white-space: pre-line }
    tr.total td { font-weight: bold; background: #fafafa }
    p.none { color: #666666; font-style: italic; margin: 1mm 0 3mm }
    svg.chart { max-width: 100%; height: auto; display: block; margin: 2mm 0 }
    section { margin-bottom: 2mm }
    @media print {
      body { padding: 0; max-width: none }
      h2, h3 { break-after: avoid; page-break-after: avoid }
      table, svg.chart, .figures, dl.meta, .grid { break-inside: avoid; page-break-inside: avoid }
      table.long { break-inside: auto; page-break-inside: auto }
      thead { display: table-header-group }
      tr { break-inside: avoid; page-break-inside: avoid }
    }
    """

    public func render(_ report: MonthlyReport) -> String {
        let l = labels
        var h = "<!DOCTYPE html>\n"
        h += "<html lang=\"\(l.languageTag.xmlEscaped)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        h += "<title>\(l[.title].xmlEscaped) — \(report.month.xmlEscaped)</title>\n"
        h += "<style>\n\(Self.stylesheet)\n</style>\n</head>\n<body>\n"

        h += "<header>\n<h1>\(l[.title].xmlEscaped) — \(report.month.xmlEscaped)</h1>\n<dl class=\"meta\">"
        h += "<dt>\(l[.month].xmlEscaped)</dt><dd>\(report.month.xmlEscaped)</dd>"
        h += "<dt>\(l[.timeZone].xmlEscaped)</dt><dd>\(report.timeZone.xmlEscaped)</dd>"
        h += "<dt>\(l[.policy].xmlEscaped)</dt><dd>\((report.policy ?? l[.allPolicies]).xmlEscaped)</dd>"
        h += "<dt>\(l[.generatedAt].xmlEscaped)</dt><dd>\(ReportTimestamp.iso8601(report.generatedAt).xmlEscaped)</dd>"
        h += "</dl>\n<div class=\"figures\">"
        h += figure(l[.received], "\(report.received.total)")
        h += figure(l[.closed], "\(report.closed.total)")
        h += figure(l[.onTime], ReportNumber.percent(report.onTime.overall.rate))
        h += figure(l[.backlog], "\(report.backlog.open)")
        h += figure(l[.overdue], "\(report.backlog.overdue.count)")
        h += "</div>\n</header>\n"

        // Received.
        h += section(l[.received] + ": \(report.received.total)") {
            var s = SVGBarChart(
                title: l[.chartReceivedByRight],
                bars: report.received.byRight.map { .init(label: l.rightName($0.key), value: $0.count) },
                valueAxisLabel: l[.axisRequests],
                seriesName: l[.received]
            ).svg() + "\n"
            s += sideBySide(
                keyTable(l[.byRight], l[.right], report.received.byRight, name: l.rightName),
                keyTable(l[.byChannel], l[.channel], report.received.byChannel, name: l.channelName)
            )
            s += sideBySide(
                keyTable(l[.byLanguage], l[.language], report.received.byLanguage, name: l.languageName),
                keyTable(l[.byPolicy], l[.policy], report.received.byPolicy, name: { $0 })
            )
            return s
        }

        // Closed.
        h += section(l[.closed] + ": \(report.closed.total)") {
            sideBySide(
                keyTable(l[.byOutcome], l[.outcome], report.closed.byOutcome, name: l.outcomeName),
                keyTable(l[.byRight], l[.right], report.closed.byRight, name: l.rightName)
            )
        }

        // On time.
        let overall = report.onTime.overall
        h += section(l[.onTime] + ": " + ReportNumber.percent(overall.rate)) {
            var s = table(
                [l[.right], l[.closedCount], l[.onTimeCount], l[.rate]],
                report.onTime.byRight.map { [l.name(of: $0.right), "\($0.closed)", "\($0.onTime)", ReportNumber.percent($0.rate)] },
                numeric: [1, 2, 3],
                total: [l[.allRights], "\(overall.closed)", "\(overall.onTime)", ReportNumber.percent(overall.rate)]
            )
            s += "<h3>\(l[.lateClosures].xmlEscaped): \(report.onTime.late.count)</h3>"
            s += table(
                [l[.reference], l[.right], l[.due], l[.closedOn], l[.daysLate]],
                report.onTime.late.map { [$0.reference, l.name(of: $0.right), $0.due, $0.closedOn, "\($0.daysLate)"] },
                numeric: [4]
            )
            return s
        }

        // Time to close.
        let ttc = report.timeToClose
        h += section(l[.timeToClose]) {
            table(
                [l[.right], l[.count], l[.median], l[.p90]],
                ttc.byRight.map { [l.name(of: $0.right), "\($0.count)", ReportNumber.days($0.median), ReportNumber.days($0.p90)] },
                numeric: [1, 2, 3],
                total: [l[.allRights], "\(ttc.overall.count)", ReportNumber.days(ttc.overall.median), ReportNumber.days(ttc.overall.p90)]
            )
        }

        h += section(l[.extensions] + ": \(report.extensions.count)") {
            table(
                [l[.reference], l[.right], l[.extendedBy], l[.reason]],
                report.extensions.map { [$0.reference, l.name(of: $0.right), $0.by, $0.reason] },
                numeric: [], textColumns: [3]
            )
        }
        h += section(l[.clockPauses]) {
            table([l[.pauseCount], l[.totalDays]], [["\(report.clockPauses.count)", "\(report.clockPauses.totalDays)"]], numeric: [0, 1])
        }
        h += section(l[.refusals]) {
            keyTable(nil, l[.ground], report.refusalsByGround, name: l.groundName)
                + "<p>\(l[.identityFailures].xmlEscaped): <strong>\(report.identityVerificationFailures)</strong></p>"
        }
        h += section(l[.erasures] + ": \(report.erasures.count)") {
            table(
                [l[.reference], l[.system], l[.categories]],
                report.erasures.map { [$0.reference, $0.system, $0.categories.joined(separator: ", ")] },
                numeric: [], textColumns: [2]
            )
        }
        h += section(l[.recipientNotifications] + ": \(report.recipientNotifications.count)") {
            table(
                [l[.reference], l[.recipient], l[.sentOn]],
                report.recipientNotifications.items.map { [$0.reference, $0.recipient, $0.sentOn] },
                numeric: []
            )
        }
        h += section(l[.backlog] + ": \(report.backlog.open)") {
            keyTable(l[.aging], l[.days], report.backlog.aging, name: { $0 })
                + "<h3>\(l[.overdue].xmlEscaped): \(report.backlog.overdue.count)</h3>"
                + table(
                    [l[.reference], l[.right], l[.due], l[.daysOverdue], l[.assignee]],
                    report.backlog.overdue.map {
                        [$0.reference, l.name(of: $0.right), $0.due, "\($0.daysOverdue)", $0.assignee ?? l[.unassigned]]
                    },
                    numeric: [3]
                )
        }
        h += section(l[.trend]) {
            SVGLineChart(
                title: l[.chartTrend],
                categories: report.trend.map(\.month),
                series: [
                    .init(name: l[.receivedCount], values: report.trend.map { Double($0.received) }, axis: .left, color: Self.receivedColor),
                    .init(name: l[.closedCount], values: report.trend.map { Double($0.closed) }, axis: .left, color: Self.closedColor),
                    .init(name: l[.onTimeRate], values: report.trend.map(\.onTimeRate), axis: .rightPercent, color: Self.rateColor, dashed: true),
                ],
                leftAxisLabel: l[.axisRequests],
                rightAxisLabel: l[.onTimeRate],
                categoryAxisLabel: l[.axisMonth]
            ).svg() + "\n"
                + table(
                    [l[.month], l[.receivedCount], l[.closedCount], l[.onTimeRate]],
                    report.trend.map { [$0.month, "\($0.received)", "\($0.closed)", ReportNumber.percent($0.onTimeRate)] },
                    numeric: [1, 2, 3]
                )
        }
        h += "</body>\n</html>\n"
        return h
    }

    /// Two blocks next to each other; one row per call, so a page can break between rows.
    private func sideBySide(_ first: String, _ second: String) -> String {
        "<div class=\"grid\"><div>\(first)</div><div>\(second)</div></div>\n"
    }

    private func figure(_ label: String, _ value: String) -> String {
        "<div class=\"figure\"><span class=\"value\">\(value.xmlEscaped)</span>\(label.xmlEscaped)</div>"
    }

    private func section(_ title: String, _ body: () -> String) -> String {
        "<section>\n<h2>\(title.xmlEscaped)</h2>\n\(body())\n</section>\n"
    }

    private func keyTable(
        _ caption: String?, _ heading: String, _ rows: [MonthlyReport.KeyCount], name: (String) -> String
    ) -> String {
        let title = caption.map { "<h3>\($0.xmlEscaped)</h3>" } ?? ""
        return title + table([heading, labels[.count]], rows.map { [name($0.key), "\($0.count)"] }, numeric: [1], tableClass: "counts")
    }

    /// A table with a header row; `numeric` columns right-aligned, `textColumns` keep line
    /// breaks; long tables may break across pages, short ones stay whole.
    private func table(
        _ headings: [String], _ rows: [[String]], numeric: Set<Int>, textColumns: Set<Int> = [], total: [String]? = nil,
        tableClass: String? = nil
    ) -> String {
        guard !rows.isEmpty else { return "<p class=\"none\">\(labels[.noneInMonth].xmlEscaped)</p>" }
        func cellClass(_ index: Int) -> String {
            numeric.contains(index) ? " class=\"n\"" : textColumns.contains(index) ? " class=\"text\"" : ""
        }
        let classes = [tableClass, rows.count > 15 ? "long" : nil].compactMap { $0 }.joined(separator: " ")
        var t = classes.isEmpty ? "<table>" : "<table class=\"\(classes)\">"
        t += "<thead><tr>"
        for (index, heading) in headings.enumerated() { t += "<th\(cellClass(index))>\(heading.xmlEscaped)</th>" }
        t += "</tr></thead><tbody>"
        for row in rows {
            t += "<tr>"
            for (index, cell) in row.enumerated() { t += "<td\(cellClass(index))>\(cell.xmlEscaped)</td>" }
            t += "</tr>"
        }
        if let total {
            t += "<tr class=\"total\">"
            for (index, cell) in total.enumerated() { t += "<td\(cellClass(index))>\(cell.xmlEscaped)</td>" }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }
}
