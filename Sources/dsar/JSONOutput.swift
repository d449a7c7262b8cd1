import Foundation

/// Prints values as JSON for programs: sorted keys, ISO 8601 dates, UTF-8 unescaped.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func print<T: Encodable>(_ value: T) throws {
        let data = try encoder().encode(value)
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}
