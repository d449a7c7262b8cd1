import DeskCore
import Foundation
import Postgres

/// Bulk synthetic history for benchmarks (`dsar demo --requests N`): requests of every right,
/// policy, language and state received over the three years before `now`, with their audit
/// events, clock pauses, extensions, evidence and letters, loaded with COPY in batches.
///
/// Unlike `SampleDesk`, it adds to whatever the desk holds. Each batch is one transaction: it
/// locks the audit head, chains its events after it in Swift, advances the reference counters
/// and commits, so an interrupted run leaves whole batches and a valid chain behind.
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

    /// Adds `count` synthetic requests, `batchSize` per transaction; `progress` gets the running total.
    public func generate(
        count: Int, actor: String, now: Date, batchSize: Int = 50_000, progress: (Int) -> Void = { _ in }
    ) throws -> Summary {
        guard (1...Self.maximumCount).contains(count) else {
            throw StoreError.invalidInput("The number of synthetic requests must be between 1 and \(Self.maximumCount).")
        }
        let catalog = PolicyCatalog(db)
        let entries = try catalog.codes().map { try catalog.load($0) }
        guard !entries.isEmpty else { throw StoreError.configuration("No policies are defined; run `dsar db migrate`.") }
        let nowMs = AuditEntry.milliseconds(now)
        let window = SyntheticWindow(endMs: nowMs - 3_600_000, count: count)
        let seed = UInt64(truncatingIfNeeded: try headSequence()) &* 0x2545_F491_4F6C_DD1D &+ UInt64(count)
        let planner = SyntheticPlanner(entries: entries, nowMs: nowMs, window: window)
        var events = 0
        var first: String?
        var last: String?
        var done = 0
        while done < count {
            let size = min(batchSize, count - done)
            let range = done..<(done + size)
            let written = try db.withTransaction { db in
                var random = SeededGenerator(seed: seed &+ UInt64(range.lowerBound))
                let plans = try range.map { try planner.plan(index: $0, using: &random) }
                return try SyntheticBatchWriter(db: db, entries: entries, actor: actor, nowMs: nowMs).write(plans)
            }
            events += written.events
            first = first ?? written.first
            last = written.last ?? last
            done += size
            progress(done)
        }
        return Summary(requests: count, events: events, first: first, last: last)
    }

    private func headSequence() throws -> Int64 {
        try db.query("SELECT seq FROM audit_head").first?.decode(column: 0, as: Int64.self) ?? 0
    }
}

/// Receipt instants spread evenly over the three years before `endMs`, one slot per request.
struct SyntheticWindow {
    static let span: Int64 = 3 * 365 * 86_400_000
    let endMs: Int64
    let count: Int

    var startMs: Int64 { endMs - Self.span }

    func receivedMs(index: Int, jitter: Double) -> Int64 {
        startMs + Int64((Double(index) + jitter) * Double(Self.span) / Double(count))
    }
}
