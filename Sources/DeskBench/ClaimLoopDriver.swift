import DeskCore
import DeskProgram
import DeskStore
import Foundation
import Postgres

/// The claim + close loops of issue 8: `loops` threads, one connection each, every loop doing
/// what `dsar claim` then `dsar close REF --outcome refused --ground exemption_other --note …` do
/// (`QueueQuery.claim`, `RequestStore.apply`, each followed by the end-of-command seal that
/// skips when another loop is sealing) until nothing is left to claim.
///
/// Every loop claims "the most urgent unassigned request" through the same query as `dsar claim`,
/// so two loops could in principle get the same request; the driver counts such double claims
/// twice over: from the ids the loops saw, and from the `assigned` events in the audit log.
enum ClaimLoopDriver {
    /// What `prepare` leaves: `count` requests in progress, nobody assigned.
    static func prepare(_ db: Connection, count: Int, now: Date) throws -> Int {
        // Preparation is not measured: commit without waiting for the disk.
        try db.executeScript("SET synchronous_commit = off")
        let store = RequestStore(db)
        let rights = Right.allCases
        let languages = Language.allCases
        for index in 0..<count {
            let new = NewRequest(
                kind: rights[index % rights.count], requesterName: "Bench Requester \(index)",
                email: "bench\(index)@example.org", language: languages[index % languages.count], channel: .email,
                receivedAt: now.addingTimeInterval(-Double(index % 20) * 86_400 - 3_600))
            let request = try store.create(new, actor: "bench", now: now)
            _ = try store.apply(.event(.start), to: request.reference, actor: "bench", occurredAt: now, now: now)
        }
        // Statistics and visibility map as autovacuum leaves them on a desk in service (as the read
        // benchmarks do): without statistics the planner guesses a handful of unassigned requests and
        // sorts them all for every claim instead of reading the first from the open index.
        try db.executeScript("VACUUM (ANALYZE)")
        return count
    }

    /// What the loops did.
    struct Result {
        var claims = 0
        var closes = 0
        /// Claims refused because another loop took the row first (`dsar claim` exit 5).
        var conflicts = 0
        var failures: [String] = []
        var claimedIDs: [Int64] = []
    }

    /// Shared between the loop threads; every access holds the lock.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var result = Result()

        func add(_ part: Result) {
            lock.lock()
            defer { lock.unlock() }
            result.claims += part.claims
            result.closes += part.closes
            result.conflicts += part.conflicts
            result.failures += part.failures
            result.claimedIDs += part.claimedIDs
        }

        var total: Result {
            lock.lock()
            defer { lock.unlock() }
            return result
        }
    }

    /// Runs the loops and returns the merged result and the wall time between the start signal
    /// and the last loop's end (connections are opened before the clock starts).
    static func run(databaseURL: String, loops: Int, clock: @escaping @Sendable () -> Date) -> (Result, Double) {
        let tally = Tally()
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for index in 0..<loops {
            ready.enter()
            done.enter()
            let thread = Thread {
                var part = Result()
                let db: Connection
                do {
                    db = try Connection(databaseURL)
                } catch {
                    part.failures.append("connect: \(DeskFailure(error).message)")
                    ready.leave()
                    start.wait()
                    tally.add(part)
                    done.leave()
                    return
                }
                ready.leave()
                start.wait()
                loop(db, actor: "bench-\(index)", clock: clock, into: &part)
                tally.add(part)
                done.leave()
            }
            thread.start()
        }
        ready.wait()
        let began = ContinuousClock.now
        for _ in 0..<loops { start.signal() }
        done.wait()
        return (tally.total, BenchOutput.seconds(since: began))
    }

    /// One desk member: claim, close, until nothing is left.
    static func loop(_ db: Connection, actor: String, clock: () -> Date, into part: inout Result) {
        let queue = QueueQuery(db)
        let store = RequestStore(db)
        while true {
            let item: QueueQuery.Item?
            do {
                item = try queue.claim(kind: nil, actor: actor, now: clock())
            } catch let error as StoreError where error.category == .concurrentChange {
                part.conflicts += 1
                continue
            } catch {
                part.failures.append("claim: \(DeskFailure(error).message)")
                return
            }
            AuditLog(db).sealQuietly(now: clock())
            guard let item else { return }
            part.claims += 1
            part.claimedIDs.append(item.request.id)
            do {
                let now = clock()
                _ = try store.apply(
                    .event(.closeRefused, ground: .exemptionOther, note: "Benchmark: closed by the claim loop."),
                    to: item.request.reference, actor: actor,
                    occurredAt: now, now: now)
                part.closes += 1
                AuditLog(db).sealQuietly(now: now)
            } catch {
                part.failures.append("close: \(DeskFailure(error).message)")
                return
            }
        }
    }

    /// Requests with more than one `assigned` event, and open requests left unassigned.
    static func check(_ db: Connection) throws -> (doubleAssigned: Int, leftOpen: Int) {
        let doubles = try count(
            db,
            """
            SELECT count(*) FROM (SELECT request_id FROM events WHERE event = \(AuditEvent.Name.assigned.rawValue)
                                  GROUP BY request_id HAVING count(*) > 1) d
            """)
        let open = try count(
            db, "SELECT count(*) FROM requests r WHERE " + QueueQuery.isOpen + " AND r.assignee IS NULL")
        return (doubles, open)
    }

    static func count(_ db: Connection, _ query: Query) throws -> Int {
        guard let row = try db.query(query).first else { return 0 }
        return try row.decode(column: 0)
    }
}
