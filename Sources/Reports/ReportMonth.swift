/// A calendar month `YYYY-MM`, for validating `dsar report monthly` input and
/// building the 12-month trend.
public struct ReportMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int

    /// Parses `YYYY-MM`; nil for anything else (`2026-13`, `2026-1`, `26-01`).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]),
              (1...12).contains(month)
        else { return nil }
        self.year = year
        self.month = month
    }

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (0...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    public var description: String {
        let y = String(year)
        let m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" + m : m)
    }

    /// The month before this one.
    public var previous: ReportMonth {
        month == 1 ? ReportMonth(unchecked: year - 1, 12) : ReportMonth(unchecked: year, month - 1)
    }

    /// The `count` months ending with this one, oldest first.
    public func trailingMonths(_ count: Int) -> [ReportMonth] {
        var months: [ReportMonth] = []
        var current = self
        for _ in 0..<max(0, count) {
            months.append(current)
            current = current.previous
        }
        return months.reversed()
    }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    private init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }
}
