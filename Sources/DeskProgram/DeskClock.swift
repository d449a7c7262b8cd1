public import Foundation

/// The time every program of the desk works with: `DSAR_NOW` (ISO 8601) when set, else the real
/// clock. This is the only place that reads the real time; durations (timeouts, rates, rate-limit
/// windows, benchmarks) use the monotonic `ContinuousClock` instead.
public enum DeskClock {
    /// The real time.
    public static let real: @Sendable () -> Date = { Date() }

    /// `DSAR_NOW`, or the real time; throws when `DSAR_NOW` is not an instant.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DeskFailure) -> Date {
        guard let fixed = environment["DSAR_NOW"], !fixed.isEmpty else { return real() }
        guard let date = InstantParser.parse(fixed) else {
            throw DeskFailure(
                message: "DSAR_NOW=\(fixed.prefix(40)) is not an ISO 8601 instant; use a form like 2026-11-21T10:00:00+05:00 or unset it.",
                exitCode: DeskFailure.badInput)
        }
        return date
    }
}

extension DeskClock {
    /// The clock of a long-running server (the portal): `DSAR_NOW`, read and checked once, or
    /// the real time. Throws when `DSAR_NOW` is not an instant.
    public static func clock(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DeskFailure) -> @Sendable () -> Date {
        guard let fixed = environment["DSAR_NOW"], !fixed.isEmpty else { return real }
        let now = try DeskClock.now(environment: environment)
        return { now }
    }

    /// The clock for long-running work (retry times, polling): `DSAR_NOW` when it is set and
    /// valid, else the real time.
    public static let live: @Sendable () -> Date = { (try? DeskClock.now()) ?? real() }
}
