import Foundation
import Testing
@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif

private func isWellFormed(_ svg: String) -> Bool {
    XMLParser(data: Data(svg.utf8)).parse()
}

@Suite struct SVGChartTests {
    @Test(arguments: [
        (0.0, 5.0, 1.0), (3, 3, 1), (7, 8, 2), (12, 15, 5), (27, 30, 10), (100, 100, 20), (1234, 1500, 500),
    ])
    func axisHasRoundSteps(_ maximum: Double, _ axisMaximum: Double, _ step: Double) {
        let axis = SVGAxis(maximumValue: maximum)
        #expect(axis.maximum == axisMaximum)
        #expect(axis.step == step)
        #expect(axis.ticks.first == 0)
        #expect(axis.ticks.last == axisMaximum)
    }

    @Test func barChartShowsValuesLabelsAndLegendEscaped() {
        let chart = SVGBarChart(
            title: "A & B <chart>",
            bars: [.init(label: "Eʼtiroz \"x\"", value: 7), .init(label: "Zero", value: 0)],
            valueAxisLabel: "Requests", seriesName: "Received"
        ).svg()
        #expect(isWellFormed(chart))
        #expect(chart.contains(">7</text>"))
        #expect(chart.contains(">0</text>"))
        #expect(chart.contains("A &amp; B &lt;chart&gt;"))
        #expect(chart.contains("Eʼtiroz &quot;x&quot;"))
        #expect(chart.contains(">Requests</text>"))
        #expect(chart.contains(">Received</text>"))
        #expect(!chart.contains("nan"))
    }

    @Test func emptyBarChartIsStillAChart() {
        let chart = SVGBarChart(title: "t", bars: [], valueAxisLabel: "v", seriesName: "s").svg()
        #expect(isWellFormed(chart))
        #expect(!chart.contains("nan"))
    }

    @Test func lineChartBreaksAtMissingValuesAndHasBothAxes() {
        let chart = SVGLineChart(
            title: "Trend",
            categories: ["2026-01", "2026-02", "2026-03", "2026-04"],
            series: [
                .init(name: "Received", values: [1, 2, 3, 4], axis: .left, color: "#000000"),
                .init(name: "Rate", values: [0.5, nil, 1, 0.75], axis: .rightPercent, color: "#00ff00", dashed: true),
            ],
            leftAxisLabel: "Requests", rightAxisLabel: "On-time rate", categoryAxisLabel: "Month"
        ).svg()
        #expect(isWellFormed(chart))
        let paths = chart.components(separatedBy: "<path d=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(paths.count == 2)
        #expect(paths[1].filter { $0 == "M" }.count == 2)  // the gap starts a new segment
        #expect(chart.contains(">100%</text>"))
        #expect(chart.contains(">On-time rate</text>"))
        #expect(chart.contains(">Month</text>"))
        #expect(chart.contains("stroke-dasharray"))
        #expect(chart.contains("75.0%"))
    }

    @Test func lineChartOfZerosOrNothing() {
        for values in [[Double?](repeating: 0, count: 12), [Double?](repeating: nil, count: 12)] {
            let chart = SVGLineChart(
                title: "t", categories: (1...12).map { String(format: "2026-%02d", $0) },
                series: [.init(name: "a", values: values, axis: .left, color: "#111111")],
                leftAxisLabel: "l", rightAxisLabel: "r", categoryAxisLabel: "c"
            ).svg()
            #expect(isWellFormed(chart))
            #expect(!chart.contains("nan"))
            #expect(!chart.contains("inf"))
        }
    }
}

@Suite struct ReportFormatTests {
    @Test func parsesFormatArguments() throws {
        #expect(try ReportFormat(argument: "md") == .markdown)
        #expect(try ReportFormat(argument: "Markdown") == .markdown)
        #expect(try ReportFormat(argument: "HTML") == .html)
        #expect(throws: ReportError.unsupportedFormat("pdf")) { try ReportFormat(argument: "pdf") }
    }
}
