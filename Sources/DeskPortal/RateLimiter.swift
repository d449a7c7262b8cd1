public import Foundation

/// Fixed-window counters in memory: at most `limit` events per key in each window. One portal
/// process holds them (behind nginx, keys are the client addresses nginx passes on).
public final class RateLimiter: @unchecked Sendable {
    public struct Rule: Sendable {
        public var limit: Int
        public var window: TimeInterval
        public init(limit: Int, window: TimeInterval) {
            self.limit = limit
            self.window = window
        }
    }

    private let lock = NSLock()
    // Windows are durations, so they run on the monotonic clock (DSAR_NOW does not freeze them).
    private var counts: [String: (windowStart: ContinuousClock.Instant, count: Int)] = [:]
    private var lastSweep: ContinuousClock.Instant?

    public init() {}

    /// Counts one event for `key`; false when the key is over its limit in this window.
    public func allow(_ key: String, rule: Rule, now: ContinuousClock.Instant = .now) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if lastSweep.map({ $0.duration(to: now) > .seconds(600) }) ?? true {
            counts = counts.filter { $0.value.windowStart.duration(to: now) < .seconds(3600 * 24) }
            lastSweep = now
        }
        var entry = counts[key] ?? (now, 0)
        if entry.windowStart.duration(to: now) >= .milliseconds(Int64(rule.window * 1000)) { entry = (now, 0) }
        entry.count += 1
        counts[key] = entry
        return entry.count <= rule.limit
    }
}
