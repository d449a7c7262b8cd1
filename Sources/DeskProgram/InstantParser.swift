import DeskCore
public import Foundation

/// Reads instants typed by people: ISO 8601 with a zone (`2026-11-21T10:00:00Z`,
/// `2026-11-21T10:00+05:00`), or local desk time without a zone (`2026-11-21 10:00`,
/// `2026-11-21T10:00:00`), or a bare date (`2026-11-21`, local midnight).
public enum InstantParser {
    /// The desk's time zone for instants typed without one.
    public static let deskTimeZone = TimeZone(identifier: "Asia/Tashkent") ?? TimeZone(secondsFromGMT: 5 * 3600) ?? .current

    public static func parse(_ text: String, timeZone: TimeZone = deskTimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = LocalDate(iso: trimmed) { return date.startInstant(in: timeZone) }
        let withZone = ISO8601DateFormatter()
        withZone.formatOptions = [.withInternetDateTime]
        if let date = withZone.date(from: trimmed) { return date }
        withZone.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withZone.date(from: trimmed) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm",
                       "yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX"] {
            local.dateFormat = format
            if let date = local.date(from: trimmed) { return date }
        }
        return nil
    }

    /// Parses a recording date (`--at`) and checks it is plausible: not before 2019, not in the future.
    public static func recordingInstant(_ text: String, now: Date, option: String = "--at") throws -> Date {
        guard let date = parse(text) else {
            throw DeskFailure(
                message: "\(option) \(text.prefix(40)) is not a date; use ISO 8601 such as 2026-11-21T10:00:00+05:00 or 2026-11-21 10:00 (Tashkent time).",
                exitCode: DeskFailure.badInput)
        }
        let earliest = LocalDate(year: 2019, month: 1, day: 1)?.startInstant(in: deskTimeZone) ?? .distantPast
        guard date >= earliest else {
            throw DeskFailure(message: "\(option) \(text.prefix(40)) is before 2019; the desk does not record events that old.", exitCode: DeskFailure.badInput)
        }
        guard date <= now.addingTimeInterval(300) else {
            throw DeskFailure(message: "\(option) \(text.prefix(40)) is in the future; give when it actually happened.", exitCode: DeskFailure.badInput)
        }
        return date
    }
}
