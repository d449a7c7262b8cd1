/// A horizontal bar chart as inline SVG: category labels on the left (long right names
/// fit), the value at the end of each bar, a value axis with its label, and a legend.
public struct SVGBarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Int
        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var bars: [Bar]
    /// Label under the value axis, e.g. "Requests".
    public var valueAxisLabel: String
    /// Legend entry naming what the bars count.
    public var seriesName: String
    public var width: Double = 640
    public var barColor = "#1f77b4"

    public init(title: String, bars: [Bar], valueAxisLabel: String, seriesName: String) {
        self.title = title
        self.bars = bars
        self.valueAxisLabel = valueAxisLabel
        self.seriesName = seriesName
    }

    /// The chart as one `<svg>` element; every text is escaped.
    public func svg() -> String {
        let labelWidth = 210.0, rightPadding = 50.0, top = 52.0, rowHeight = 28.0, bottom = 46.0
        let plotWidth = width - labelWidth - rightPadding
        let height = top + rowHeight * Double(max(bars.count, 1)) + bottom
        let axis = SVGAxis(maximumValue: Double(bars.map(\.value).max() ?? 0))
        let plotBottom = top + rowHeight * Double(max(bars.count, 1))
        func x(_ value: Double) -> Double { labelWidth + plotWidth * value / axis.maximum }

        var s = #"<svg class="chart" role="img" viewBox="0 0 \#(SVG.number(width)) \#(SVG.number(height))" width="\#(SVG.number(width))" height="\#(SVG.number(height))" font-family="sans-serif" font-size="12">"#
        s += "<title>\(title.xmlEscaped)</title>"
        s += #"<text x="0" y="16" font-size="14" font-weight="bold">\#(title.xmlEscaped)</text>"#
        // Legend.
        s += #"<rect x="\#(SVG.number(labelWidth))" y="26" width="12" height="12" fill="\#(barColor)"/>"#
        s += #"<text x="\#(SVG.number(labelWidth + 18))" y="36">\#(seriesName.xmlEscaped)</text>"#
        // Grid and ticks.
        for tick in axis.ticks {
            let tx = SVG.number(x(tick))
            s += #"<line x1="\#(tx)" y1="\#(SVG.number(top - 4))" x2="\#(tx)" y2="\#(SVG.number(plotBottom))" stroke="\#(SVG.gridColor)" stroke-width="1"/>"#
            s += #"<text x="\#(tx)" y="\#(SVG.number(plotBottom + 16))" text-anchor="middle" fill="\#(SVG.textColor)">\#(ReportNumber.machine(tick))</text>"#
        }
        s += #"<line x1="\#(SVG.number(labelWidth))" y1="\#(SVG.number(top - 4))" x2="\#(SVG.number(labelWidth))" y2="\#(SVG.number(plotBottom))" stroke="\#(SVG.axisColor)" stroke-width="1"/>"#
        // Bars with their values.
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let barWidth = x(Double(bar.value)) - labelWidth
            s += #"<text x="\#(SVG.number(labelWidth - 8))" y="\#(SVG.number(y + rowHeight / 2 + 4))" text-anchor="end">\#(SVG.truncated(bar.label, to: 32).xmlEscaped)</text>"#
            s += #"<rect x="\#(SVG.number(labelWidth))" y="\#(SVG.number(y + 5))" width="\#(SVG.number(barWidth))" height="\#(SVG.number(rowHeight - 10))" fill="\#(barColor)"><title>\#(bar.label.xmlEscaped): \#(bar.value)</title></rect>"#
            s += #"<text x="\#(SVG.number(labelWidth + barWidth + 5))" y="\#(SVG.number(y + rowHeight / 2 + 4))" font-weight="bold">\#(bar.value)</text>"#
        }
        s += #"<text x="\#(SVG.number(labelWidth + plotWidth / 2))" y="\#(SVG.number(height - 8))" text-anchor="middle" fill="\#(SVG.textColor)">\#(valueAxisLabel.xmlEscaped)</text>"#
        s += "</svg>"
        return s
    }
}
