import Foundation

/// How long the DPO asks to extend a deadline by (`dsar extend --by`): `N` with a unit
/// (`30d`, `10wd`, `2m`), or a bare `N` counted in the unit of the policy's extension cap.
public struct ExtensionLength: Sendable, Hashable, CustomStringConvertible {
    /// The number of units, 1 to 999.
    public let count: Int
    /// The unit typed, or nil for a bare number.
    public let unit: PeriodUnit?

    /// Reads the text; nil when it is not 1 to 3 digits above zero with an optional d, wd or m.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        let suffix = String(trimmed.dropFirst(digits.count))
        guard (1...3).contains(digits.count), let count = Int(digits), count > 0 else { return nil }
        if suffix.isEmpty {
            self.count = count
            self.unit = nil
            return
        }
        guard let unit = PeriodUnit.allCases.first(where: { $0.suffix == suffix }) else { return nil }
        self.count = count
        self.unit = unit
    }

    /// The period under `rule`: a bare number takes the unit of the rule's extension cap; nil
    /// when the number is bare and the rule allows no extension.
    public func period(under rule: DeadlineRule?) -> Period? {
        guard let unit = unit ?? rule?.maxExtension?.unit else { return nil }
        return Period(count, unit)
    }

    public var description: String { "\(count)\(unit?.suffix ?? "")" }
}
