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
    private var counts: [String: (windowStart: Date, count: Int)] = [:]
    private var lastSweep = Date.distantPast

    public init() {}

    /// Counts one event for `key`; false when the key is over its limit in this window.
    public func allow(_ key: String, rule: Rule, now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if now.timeIntervalSince(lastSweep) > 600 {
            counts = counts.filter { now.timeIntervalSince($0.value.windowStart) < 3600 * 24 }
            lastSweep = now
        }
        var entry = counts[key] ?? (now, 0)
        if now.timeIntervalSince(entry.windowStart) >= rule.window { entry = (now, 0) }
        entry.count += 1
        counts[key] = entry
        return entry.count <= rule.limit
    }
}
