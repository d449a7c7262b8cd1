import Foundation

/// A length of time such as "10 calendar days" or "2 months".
public struct Period: Sendable, Hashable, Codable, CustomStringConvertible {
    public let count: Int
    public let unit: PeriodUnit

    /// Creates a period of `count` units.
    public init(_ count: Int, _ unit: PeriodUnit) {
        self.count = count
        self.unit = unit
    }

    /// Parses command-line text: `10d`, `5wd`, `2m`, or a bare `2` counted in `bareUnit`.
    ///
    /// Throws `.invalidInput` for anything else, a count below 1, or a bare number without a `bareUnit`.
    public init(parsing text: String, bareUnit: PeriodUnit?) throws(DeskCoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        let suffix = String(trimmed.dropFirst(digits.count))
        guard !digits.isEmpty, digits.count <= 6, let count = Int(digits), count >= 1 else {
            throw DeskCoreError(.periodUnreadable(text))
        }
        if suffix.isEmpty {
            guard let bareUnit else {
                throw DeskCoreError(.periodWithoutUnit(text))
            }
            self.init(count, bareUnit)
            return
        }
        guard let unit = PeriodUnit.allCases.first(where: { $0.suffix == suffix }) else {
            throw DeskCoreError(.periodUnknownUnit(text))
        }
        self.init(count, unit)
    }

    /// The command-line form, e.g. `10d`.
    public var description: String { "\(count)\(unit.suffix)" }
}
