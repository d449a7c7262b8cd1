import Foundation

/// A value axis from zero with round tick steps (1, 2, 5 × 10ⁿ) for SVG charts.
struct SVGAxis: Equatable {
    let maximum: Double
    let step: Double

    /// An axis that shows `maximumValue` with about `targetTicks` ticks; whole steps
    /// only, since charts count requests. A zero maximum gives an axis of 0…5.
    init(maximumValue: Double, targetTicks: Int = 5) {
        guard maximumValue > 0, maximumValue.isFinite else {
            self.maximum = 5
            self.step = 1
            return
        }
        let rough = maximumValue / Double(max(1, targetTicks))
        let magnitude = pow(10, floor(log10(rough)))
        let residual = rough / magnitude
        let factor: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        let step = max(1, factor * magnitude)
        self.step = step
        self.maximum = max(step, ceil(maximumValue / step) * step)
    }

    /// Tick values from 0 to `maximum` inclusive.
    var ticks: [Double] {
        var values: [Double] = []
        var value = 0.0
        while value <= maximum + step / 1000 {
            values.append(value)
            value += step
        }
        return values
    }
}

/// Small helpers shared by the chart types.
enum SVG {
    static let gridColor = "#dddddd"
    static let textColor = "#444444"
    static let axisColor = "#333333"

    /// A coordinate written with at most one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// Shortens a label to `limit` characters with an ellipsis, for fixed-width margins.
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }

    /// A rough width of `text` in pixels at `fontSize`, for laying out legends.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}
