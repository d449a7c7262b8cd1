public import Foundation

/// The time every command works with: `DSAR_NOW` (ISO 8601) when set, else the real clock.
public enum DeskClock {
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DeskFailure) -> Date {
        guard let fixed = environment["DSAR_NOW"], !fixed.isEmpty else { return Date() }
        guard let date = InstantParser.parse(fixed) else {
            throw DeskFailure(
                message: "DSAR_NOW=\(fixed.prefix(40)) is not an ISO 8601 instant; use a form like 2026-11-21T10:00:00+05:00 or unset it.",
                exitCode: DeskFailure.badInput)
        }
        return date
    }
}

extension DeskClock {
    /// The clock for long-running work (retry times, polling): `DSAR_NOW` when it is set and
    /// valid, else the real time.
    public static let live: @Sendable () -> Date = { (try? DeskClock.now()) ?? Date() }
}
