public import Foundation

/// Renders a ``MonthlyReport`` as JSON with the field names documented on
/// ``MonthlyReport`` (sorted keys, ISO 8601 dates, explicit nulls).
public struct JSONReportRenderer: Sendable {
    public init() {}

    /// The encoder of the report contract: sorted keys, pretty-printed, ISO 8601 dates.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The matching decoder, for scripts and tests that read a report back.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public func render(_ report: MonthlyReport) throws -> String {
        let data = try Self.makeEncoder().encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
