import DeskCore
import DeskStore
import Foundation

/// The few desk settings every page needs (organisation, the default policy's name, the
/// sender of codes; the `portal_settings` view), read at most every 30 seconds instead of on each page.
final class DeskFactsCache: @unchecked Sendable {  // guarded by `lock`
    struct Facts: Sendable {
        var organisation: String?
        var policyName: String?
        var sender: String?
        var domain: String = "desk.invalid"
        var timeZone: TimeZone = TimeZone(identifier: "Asia/Tashkent") ?? .current
    }

    let pool: ConnectionPool
    private let lock = NSLock()
    private var facts: Facts?
    /// When the facts were read, on the monotonic clock (their age is a duration).
    private var readAt: ContinuousClock.Instant?

    init(pool: ConnectionPool) { self.pool = pool }

    /// The organisation's name, from the last read (pages render it without waiting).
    var cachedOrganisation: String? {
        lock.lock()
        defer { lock.unlock() }
        return facts?.organisation
    }

    func current() async -> Facts {
        let (known, fresh) = lock.withLock { (facts, readAt.map { $0.duration(to: .now) < .seconds(30) } ?? false) }
        if let known, fresh { return known }
        let read = try? await pool.withConnection { db -> Facts in
            let settings = try PortalStore(db).settings()
            var facts = Facts()
            facts.organisation = settings["organisation.name"]
            facts.policyName = settings["policy.name"]
            facts.sender = settings["dpo.email"]
            facts.domain = settings["mail.domain"] ?? settings["dpo.email"].flatMap { $0.split(separator: "@").last.map(String.init) } ?? "desk.invalid"
            if let zone = settings["policy.time_zone"].flatMap(TimeZone.init(identifier:)) { facts.timeZone = zone }
            return facts
        }
        return lock.withLock {
            if let read {
                facts = read
                readAt = .now
            }
            return facts ?? Facts()
        }
    }
}
