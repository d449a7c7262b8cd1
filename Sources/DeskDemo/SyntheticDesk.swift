import DeskCore
import DeskStore
public import Foundation
public import Postgres

/// Bulk synthetic history for benchmarks (`dsar demo --requests N`): requests of every right,
/// policy, language and state received over the three years before `now`, with their audit
/// events, clock pauses, extensions, evidence and letters, loaded with COPY.
///
/// Unlike `SampleDesk`, it adds to whatever the desk holds. The whole run is ONE transaction: it
/// locks the audit head, chains its events after it in Swift, advances the reference counters
/// and commits once, so a run killed at any moment leaves the desk as it was, and running the
/// same command again gives exactly the database one uninterrupted run gives. On an empty desk
/// it takes the fast path of `SyntheticBulkLoad` (truncate, frozen COPY without WAL under
/// `wal_level=minimal`, indexes built after the load). Requests are generated in batches (of
/// `batchSize`): planned and numbered on one thread, chained, hashed and encoded on a second,
/// sealed and streamed to the server on the calling thread, three batches in flight at once.
public struct SyntheticDesk {
    /// The largest number of requests one run may add.
    public static let maximumCount = 5_000_000

    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// What a run added.
    public struct Summary: Sendable {
        public let requests: Int
        public let events: Int
        public let first: String?
        public let last: String?
    }

    /// Adds `count` synthetic requests in one transaction; `progress` gets the running total.
    public func generate(
        count: Int, actor: String, now: Date, batchSize: Int = 20_000, progress: (Int) throws -> Void = { _ in }
    ) throws -> Summary {
        guard (1...Self.maximumCount).contains(count) else {
            throw StoreError(.syntheticCountOutOfRange, count: Self.maximumCount)
        }
        let catalog = PolicyCatalog(db)
        let entries = try catalog.codes().map { try catalog.load($0) }
        guard !entries.isEmpty else { throw StoreError(.noPolicies) }
        let nowMs = AuditEntry.milliseconds(now)
        let window = SyntheticWindow(endMs: nowMs - 3_600_000, count: count)
        let planner = SyntheticPlanner(entries: entries, nowMs: nowMs, window: window)
        return try db.withTransaction { db in
            // The seal lock before any table lock: a sealer at work holds it and then reads `events`.
            try db.query("SELECT 1 FROM audit_sealer FOR UPDATE")
            let bulk = SyntheticBulkLoad(db: db)
            let fresh = try bulk.prepareIfEmpty()
            if !fresh {
                // Other writers wait for the run; ids reserved below stay contiguous.
                try db.executeScript(
                    "LOCK TABLE requests, events, cases, requesters, clock_pauses, extensions, clarifications, refusal_retentions, evidence, letters IN SHARE ROW EXCLUSIVE MODE")
            }
            let writer = SyntheticBatchWriter(db: db, freeze: fresh)
            let start = try writer.begin(now: now)
            let seed = UInt64(truncatingIfNeeded: start.audit.logSize) &* 0x2545_F491_4F6C_DD1D &+ UInt64(count)
            let numbering = SyntheticNumbering(entries: entries, start: start)
            let encoder = SyntheticBatchEncoder(entries: entries, actor: actor)
            var audit = start.audit
            let batches = stride(from: 0, to: count, by: batchSize).map { $0..<min($0 + batchSize, count) }
            var events = 0
            var first: String?
            var last: String?
            // Planned and numbered on one thread, encoded (chained, hashed) on another, sealed and
            // streamed to the server on this one.
            try SyntheticPipeline.run(batches, first: { range in
                var random = SeededGenerator(seed: seed &+ UInt64(range.lowerBound))
                let plans = try range.map { try planner.plan(index: $0, using: &random) }
                return (plans, try numbering.number(plans))
            }, second: { _, planned in
                encoder.encode(planned.0, planned.1)
            }, consume: { range, batch in
                try audit.seal(batch.audit)
                try writer.write(batch)
                events += batch.events
                first = first ?? batch.first
                last = batch.last ?? last
                try progress(range.upperBound)
            })
            try writer.finish(numbering.state, audit: audit, now: now)
            if fresh { try bulk.rebuild() }
            return Summary(requests: count, events: events, first: first, last: last)
        }
    }

    }

/// Receipt instants over the three years before `endMs`, one slot per request, in index order.
///
/// The desk's intake is steady for most of the window and then surges in its last ten days (as
/// after a publicised breach): `surgeShare` of the requests arrive then. The open requests are
/// those not yet handled, so by Little's law a steady intake of ~900 a day against deadlines of
/// 3 to 30 days leaves only a few thousand open and not yet due; the surge gives the queue its
/// ≈10 % open of which only a minority is overdue, as a busy desk shows it.
struct SyntheticWindow {
    static let span: Int64 = 3 * 365 * 86_400_000
    static let surgeSpan: Int64 = 10 * 86_400_000
    static let surgeShare = 0.11
    let endMs: Int64
    let count: Int

    var startMs: Int64 { endMs - Self.span }
    var surgeStartMs: Int64 { endMs - Self.surgeSpan }

    func receivedMs(index: Int, jitter: Double) -> Int64 {
        let u = (Double(index) + jitter) / Double(count)
        let steady = 1 - Self.surgeShare
        if u < steady { return startMs + Int64(u / steady * Double(surgeStartMs - startMs)) }
        return surgeStartMs + Int64((u - steady) / Self.surgeShare * Double(Self.surgeSpan))
    }
}
