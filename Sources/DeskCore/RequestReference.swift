/// A request's public reference, e.g. `DSAR-2026-000123`: the year and a six-digit sequence.
public struct RequestReference: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    /// Creates a reference; the year has four digits and the sequence is at least 1.
    public init?(year: Int, sequence: Int) {
        guard (1000...9999).contains(year), sequence >= 1, sequence <= 999_999 else { return nil }
        self.year = year
        self.sequence = sequence
    }

    /// Parses `DSAR-YYYY-NNNNNN`, in any letter case, with surrounding whitespace ignored.
    ///
    /// Finding a reference inside a subject or body (in brackets or not) is the intake scanner's job.
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "DSAR", parts[1].count == 4, parts[2].count == 6,
              parts[1].utf8.allSatisfy({ (48...57).contains($0) }), parts[2].utf8.allSatisfy({ (48...57).contains($0) }),
              let year = Int(parts[1]), let sequence = Int(parts[2])
        else { return nil }
        self.init(year: year, sequence: sequence)
    }

    /// The canonical form, `DSAR-2026-000123`.
    public var description: String {
        "DSAR-\(year)-\(String(sequence).leftPadded(to: 6))"
    }

    public static func < (lhs: RequestReference, rhs: RequestReference) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let reference = RequestReference(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a reference like DSAR-2026-000123.")
        }
        self = reference
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
