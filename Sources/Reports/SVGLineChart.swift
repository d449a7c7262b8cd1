/// A line chart as inline SVG over a few categories (months): counts against a left
/// axis, and optionally a rate (0…100 %) against a right axis; a legend, axis labels,
/// values on the count points. A missing value (nil) breaks its line.
public struct SVGLineChart: Sendable {
    /// Which axis a series is read against.
    public enum Axis: Sendable { case left, rightPercent }

    /// One line.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public var axis: Axis
        public var color: String
        public var dashed: Bool
        public init(name: String, values: [Double?], axis: Axis, color: String, dashed: Bool = false) {
            self.name = name
            self.values = values
            self.axis = axis
            self.color = color
            self.dashed = dashed
        }
    }

    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var leftAxisLabel: String
    public var rightAxisLabel: String
    public var categoryAxisLabel: String
    public var width: Double = 640
    public var height: Double = 320

    public init(
        title: String, categories: [String], series: [Series],
        leftAxisLabel: String, rightAxisLabel: String, categoryAxisLabel: String
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.leftAxisLabel = leftAxisLabel
        self.rightAxisLabel = rightAxisLabel
        self.categoryAxisLabel = categoryAxisLabel
    }

    /// The chart as one `<svg>` element; every text is escaped.
    public func svg() -> String {
        let left = 60.0, right = 60.0, top = 62.0, bottom = 70.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let plotBottom = top + plotHeight
        let leftMax = series.filter { $0.axis == .left }.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let axis = SVGAxis(maximumValue: leftMax)
        let hasRight = series.contains { $0.axis == .rightPercent }
        let count = max(categories.count, 1)
        func x(_ index: Int) -> Double { left + plotWidth * (Double(index) + 0.5) / Double(count) }
        func y(_ value: Double, _ seriesAxis: Axis) -> Double {
            let fraction = seriesAxis == .left ? value / axis.maximum : min(max(value, 0), 1)
            return plotBottom - plotHeight * fraction
        }

        var s = #"<svg class="chart" role="img" viewBox="0 0 \#(SVG.number(width)) \#(SVG.number(height))" width="\#(SVG.number(width))" height="\#(SVG.number(height))" font-family="sans-serif" font-size="12">"#
        s += "<title>\(title.xmlEscaped)</title>"
        s += #"<text x="0" y="16" font-size="14" font-weight="bold">\#(title.xmlEscaped)</text>"#
        // Legend: a line sample and the name for each series.
        var legendX = left
        for line in series {
            let dash = line.dashed ? #" stroke-dasharray="6 4""# : ""
            s += #"<line x1="\#(SVG.number(legendX))" y1="32" x2="\#(SVG.number(legendX + 24))" y2="32" stroke="\#(line.color)" stroke-width="3"\#(dash)/>"#
            s += #"<text x="\#(SVG.number(legendX + 30))" y="36">\#(line.name.xmlEscaped)</text>"#
            legendX += 30 + SVG.estimatedWidth(line.name, fontSize: 12) + 24
        }
        // Left axis: grid, ticks, label.
        for tick in axis.ticks {
            let ty = SVG.number(y(tick, .left))
            s += #"<line x1="\#(SVG.number(left))" y1="\#(ty)" x2="\#(SVG.number(left + plotWidth))" y2="\#(ty)" stroke="\#(SVG.gridColor)" stroke-width="1"/>"#
            s += #"<text x="\#(SVG.number(left - 6))" y="\#(SVG.number(y(tick, .left) + 4))" text-anchor="end" fill="\#(SVG.textColor)">\#(ReportNumber.machine(tick))</text>"#
        }
        s += #"<line x1="\#(SVG.number(left))" y1="\#(SVG.number(top))" x2="\#(SVG.number(left))" y2="\#(SVG.number(plotBottom))" stroke="\#(SVG.axisColor)" stroke-width="1"/>"#
        s += #"<line x1="\#(SVG.number(left))" y1="\#(SVG.number(plotBottom))" x2="\#(SVG.number(left + plotWidth))" y2="\#(SVG.number(plotBottom))" stroke="\#(SVG.axisColor)" stroke-width="1"/>"#
        let leftLabelY = top + plotHeight / 2
        s += #"<text x="14" y="\#(SVG.number(leftLabelY))" text-anchor="middle" fill="\#(SVG.textColor)" transform="rotate(-90 14 \#(SVG.number(leftLabelY)))">\#(leftAxisLabel.xmlEscaped)</text>"#
        // Right axis: 0, 25, 50, 75, 100 %.
        if hasRight {
            let axisX = left + plotWidth
            s += #"<line x1="\#(SVG.number(axisX))" y1="\#(SVG.number(top))" x2="\#(SVG.number(axisX))" y2="\#(SVG.number(plotBottom))" stroke="\#(SVG.axisColor)" stroke-width="1"/>"#
            for percent in stride(from: 0, through: 100, by: 25) {
                let ty = y(Double(percent) / 100, .rightPercent)
                s += #"<text x="\#(SVG.number(axisX + 6))" y="\#(SVG.number(ty + 4))" fill="\#(SVG.textColor)">\#(percent)%</text>"#
            }
            let labelX = width - 10
            s += #"<text x="\#(SVG.number(labelX))" y="\#(SVG.number(leftLabelY))" text-anchor="middle" fill="\#(SVG.textColor)" transform="rotate(90 \#(SVG.number(labelX)) \#(SVG.number(leftLabelY)))">\#(rightAxisLabel.xmlEscaped)</text>"#
        }
        // Category labels, slanted so that twelve months fit.
        for (index, category) in categories.enumerated() {
            let cx = x(index), cy = plotBottom + 14
            s += #"<text x="\#(SVG.number(cx))" y="\#(SVG.number(cy))" text-anchor="end" font-size="11" fill="\#(SVG.textColor)" transform="rotate(-35 \#(SVG.number(cx)) \#(SVG.number(cy)))">\#(category.xmlEscaped)</text>"#
        }
        s += #"<text x="\#(SVG.number(left + plotWidth / 2))" y="\#(SVG.number(height - 6))" text-anchor="middle" fill="\#(SVG.textColor)">\#(categoryAxisLabel.xmlEscaped)</text>"#
        // Lines, points and values.
        for (seriesIndex, line) in series.enumerated() {
            var path = ""
            var penDown = false
            for (index, value) in line.values.prefix(categories.count).enumerated() {
                guard let value else { penDown = false; continue }
                path += (penDown ? " L" : (path.isEmpty ? "M" : " M")) + "\(SVG.number(x(index))) \(SVG.number(y(value, line.axis)))"
                penDown = true
            }
            let dash = line.dashed ? #" stroke-dasharray="6 4""# : ""
            if !path.isEmpty {
                s += #"<path d="\#(path)" fill="none" stroke="\#(line.color)" stroke-width="2.5"\#(dash)/>"#
            }
            for (index, value) in line.values.prefix(categories.count).enumerated() {
                guard let value else { continue }
                let px = x(index), py = y(value, line.axis)
                let shown = line.axis == .left ? ReportNumber.machine(value) : ReportNumber.percent(value)
                s += #"<circle cx="\#(SVG.number(px))" cy="\#(SVG.number(py))" r="3.5" fill="\#(line.color)"><title>\#(categories[index].xmlEscaped) · \#(line.name.xmlEscaped): \#(shown)</title></circle>"#
                // Values of counts: above the point, or below it when an earlier line is
                // higher there, and not at all when an earlier line shows the same number.
                let earlier = series.prefix(seriesIndex).filter { $0.axis == .left }
                    .compactMap { $0.values.indices.contains(index) ? $0.values[index] : nil }
                if line.axis == .left, !earlier.contains(value) {
                    let below = earlier.contains { $0 > value }
                    s += #"<text x="\#(SVG.number(px))" y="\#(SVG.number(below ? py + 15 : py - 7))" text-anchor="middle" font-size="10" fill="\#(line.color)">\#(shown)</text>"#
                }
            }
        }
        s += "</svg>"
        return s
    }
}
