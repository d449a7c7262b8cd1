import DeskCore
import DeskTestSupport
import Foundation
import Postgres
import Testing
@testable import DeskStore

/// The sealed audit log under concurrency and across the migration from the single chain.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct AuditSealTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// 8 writers append for a while — to their own requests, to four requests they all share and
    /// to the desk chain — while 2 sealers seal as fast as they can. Afterwards every event is
    /// sealed exactly once (leaves 0…n-1, one event each), every chain holds, every seal root holds.
    @Test func eightWritersAndTwoSealersSealEveryEventOnce() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let store = RequestStore(database.connection)
            var shared: [Int64] = []
            for index in 0..<12 {
                let created = try store.create(
                    NewRequest(kind: .access, requesterName: "Writer \(index)", email: "w\(index)@example.uz", receivedAt: Self.now),
                    actor: "setup", now: Self.now)
                shared.append(created.id)
            }
            let url = database.url
            let requests = shared
            let deadline = Date().addingTimeInterval(4)
            let failures = Failures()
            let writes = Counter()
            let sealedBySealers = Counter()
            let group = DispatchGroup()
            for writer in 0..<8 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let db = try Connection(url)
                        var round = 0
                        while Date() < deadline {
                            round += 1
                            // Mostly the writer's own request; now and then the desk chain, a request
                            // all writers share, or a batch over both (rows in chain order).
                            let target: Int64? = round % 5 == 0 ? nil : round % 7 == 0 ? requests[8 + round % 4] : requests[writer]
                            let written = try db.withRetryingTransaction(attempts: 20) { db -> Int in
                                if round % 3 == 0 {
                                    try AuditLog(db).append(batch: [
                                        AuditLog.Pending(.replyReceived(messageID: Int64(round), state: .received),
                                                         requestID: requests[8 + round % 4], occurredAt: Self.now,
                                                         recordedAt: Self.now, actor: "writer-\(writer)"),
                                        AuditLog.Pending(.settingChanged(key: "batch"), requestID: nil, occurredAt: Self.now,
                                                         recordedAt: Self.now, actor: "writer-\(writer)"),
                                        AuditLog.Pending(.settingChanged(key: "own"), requestID: requests[writer],
                                                         occurredAt: Self.now, recordedAt: Self.now, actor: "writer-\(writer)"),
                                    ])
                                    return 3
                                }
                                try AuditLog(db).append(
                                    .settingChanged(key: "writer.\(writer)"), requestID: target, occurredAt: Self.now,
                                    recordedAt: Self.now, actor: "writer-\(writer)")
                                return 1
                            }
                            writes.add(written)
                        }
                    } catch {
                        failures.add("writer \(writer): \(error)")
                    }
                }.start()
            }
            for sealer in 0..<2 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let db = try Connection(url)
                        while Date() < deadline {
                            if case .sealed(let events, _, _) = try AuditLog(db).seal(now: Self.now, batchSize: 50) {
                                sealedBySealers.add(events)
                            }
                        }
                    } catch {
                        failures.add("sealer \(sealer): \(error)")
                    }
                }.start()
            }
            group.wait()
            #expect(failures.all.isEmpty, "\(failures.all)")
            _ = try AuditLog(database.connection).seal(now: Self.now)

            let db = database.connection
            let (events, distinctLeaves, lowest, highest, unsealed) = try #require(try db.query(
                "SELECT count(*), count(DISTINCT leaf), min(leaf), max(leaf), count(*) FILTER (WHERE leaf IS NULL) FROM events"
            ).first?.decode((Int, Int, Int, Int, Int).self))
            #expect(events == 12 + writes.value, "every write is in the log")
            #expect(writes.value > 100, "the writers did write (\(writes.value))")
            #expect(sealedBySealers.value > 0, "the concurrent sealers sealed")
            #expect(unsealed == 0 && distinctLeaves == events && lowest == 0 && highest == events - 1)
            let seals = try #require(try db.query("SELECT max(size), count(*) FROM audit_seals").first?.decode((Int, Int).self))
            #expect(seals.0 == events)
            let verification = try AuditLog(db).verify()
            #expect(verification.firstBreak == nil, "\(String(describing: verification.firstBreak))")
            #expect(verification.checked == events && verification.sealed == events && verification.seals == seals.1)
            // The fast check of `verify` accepts the intact rows (and so does not fall back to the slow one).
            let chains: Query =
                "\(fragment: AuditLog.selectLeafEvents) WHERE chain_pos IS NOT NULL ORDER BY request_id NULLS FIRST, chain_pos"
            #expect(try Self.fastCheckAccepts(db, chains) == events)
            try db.executeScript("ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET actor = 'x' WHERE seq = 5")
            #expect(try Self.fastCheckAccepts(db, chains) == nil)
        }
    }

    /// A desk that ran before migration 0090 (one chain, `audit_head`) migrates in place: its old
    /// chain is verified and sealed first, new events chain per request after it, and the old
    /// letters' verification codes still answer.
    @Test func theOldChainIsVerifiedAndSealedFirst() throws {
        try TestDatabase.withDatabase(migrated: false) { database in
            let db = database.connection
            try Self.migrateBefore0090(db)
            let legacy = try Self.writeLegacyEvents(db, count: 7)
            try db.execute(
                """
                INSERT INTO letters (id, request_id, kind, language, format, sha256, verification_code, subject, body,
                                     recipient, produced_at, produced_by)
                VALUES (1, 1, 'acknowledgement', 'en', 'text', \(SHA256.hex("letter")), 'ABCD-EFGH-JK23', 'Subject',
                        'Body', 'legacy@example.uz', \(Self.now), 'dpo')
                """)
            try Migrator(directory: TestDatabase.sqlDirectory).migrate(db)

            let seals = try db.query("SELECT size, root FROM audit_seals ORDER BY id").map { try $0.decode((Int, String).self) }
            #expect(seals.last?.0 == 7)
            var tree = MerkleFrontier()
            for entry in legacy { tree.append(entry.leafHash) }
            #expect(seals.last?.1 == tree.root.hex, "the old events are the log's first leaves, in their order")
            #expect(try db.query("SELECT to_regclass('audit_head') IS NULL").first?.decode(column: 0, as: Bool.self) == true)

            // New events chain per request after the old ones.
            let created = try RequestStore(db).create(
                NewRequest(kind: .erasure, requesterName: "New Requester", email: "new@example.uz", receivedAt: Self.now),
                actor: "dpo", now: Self.now)
            #expect(try AuditLog(db).events(requestID: created.id).map(\.chainPosition) == [1])
            _ = try AuditLog(db).seal(now: Self.now)
            let verification = try AuditLog(db).verify(against: AuditDigest(size: 7, root: tree.root, sealedAt: nil))
            #expect(verification.firstBreak == nil, "\(String(describing: verification.firstBreak))")
            #expect(verification.checked == 8 && verification.sealed == 8)
            #expect(verification.extends != nil)
            let letter = try LetterStore(db).find(code: "ABCD-EFGH-JK23")
            #expect(letter.requestID == 1)
        }
    }

    @Test func aBrokenOldChainStopsTheMigrationAndChangesNothing() throws {
        try TestDatabase.withDatabase(migrated: false) { database in
            let db = database.connection
            try Self.migrateBefore0090(db)
            _ = try Self.writeLegacyEvents(db, count: 5)
            try db.executeScript("ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET actor = 'mallory' WHERE seq = 3; ALTER TABLE events ENABLE TRIGGER USER")
            #expect {
                try Migrator(directory: TestDatabase.sqlDirectory).migrate(db)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.code == .auditBrokenAtMigration && error.id == 3
            }
            #expect(try db.query("SELECT max(version) FROM schema_migrations").first?.decode(column: 0, as: Int.self) ?? 90 < 90)
            #expect(try db.query("SELECT to_regclass('audit_head') IS NOT NULL").first?.decode(column: 0, as: Bool.self) == true)
        }
    }

    /// The migrations before 0090, as a desk of the previous release has them.
    /// The rows of `chains` streamed through the fast check: how many it accepted, nil at its first doubt.
    static func fastCheckAccepts(_ db: Connection, _ chains: Query) throws -> Int? {
        var fast = AuditFastCheck()
        var doubted = false
        try db.copyOut(chains) { row in
            if !doubted && !fast.add(row) { doubted = true }
        }
        return doubted ? nil : fast.checked
    }

    static func migrateBefore0090(_ db: Connection) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in try FileManager.default.contentsOfDirectory(atPath: TestDatabase.sqlDirectory.path)
        where file.hasSuffix(".sql") && (Int(file.prefix(4)) ?? 0) < 90 {
            try FileManager.default.copyItem(
                at: TestDatabase.sqlDirectory.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        try Migrator(directory: directory).migrate(db)
    }

    /// A request and `count` events chained the old way (one chain, v1 content), head moved.
    static func writeLegacyEvents(_ db: Connection, count: Int) throws -> [AuditEntry] {
        try db.executeScript(
            """
            INSERT INTO cases (id) VALUES (1);
            INSERT INTO requesters (id, name, email, language, created_at) VALUES (1, 'Old Requester', 'old@example.uz', 'en', now());
            INSERT INTO requests (id, reference, case_id, kind, policy, requester_id, channel, received_at, due_on,
                                  original_due_on, updated_at, updated_by)
            VALUES (1, 'DSAR-2026-000001', 1, 'access', 'uz', 1, 'email', now(), current_date + 15, current_date + 15, now(), 'dpo');
            INSERT INTO reference_counters (year, last_value) VALUES (2026, 1);
            SELECT setval('cases_id_seq', 1), setval('requesters_id_seq', 1), setval('requests_id_seq', 1);
            """)
        var entries: [AuditEntry] = []
        for index in 0..<count {
            let previous = entries.last
            let entry = AuditEntry(
                sequence: Int64(index + 1), requestID: index == 2 ? nil : 1, occurredAt: Self.now, recordedAt: Self.now,
                actor: "dpo", event: index == 0 ? "received" : "setting_changed", fromState: nil,
                toState: index == 0 ? .received : nil, payload: "{\"n\":\(index)}",
                prevHash: previous?.hash ?? AuditEntry.genesisHash, hash: "").withComputedHash()
            try db.execute(
                """
                INSERT INTO events (seq, request_id, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash, hash)
                VALUES (\(entry.sequence), \(entry.requestID), \(entry.occurredAt), \(entry.recordedAt), \(entry.actor), \(entry.event),
                        \(entry.fromState), \(entry.toState), \(entry.payload), \(entry.prevHash), \(entry.hash))
                """)
            entries.append(entry)
        }
        try db.execute("UPDATE audit_head SET seq = \(Int64(count)), hash = \(entries.last?.hash ?? AuditEntry.genesisHash)")
        return entries
    }
}

/// Shared between test threads; every access holds the lock.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) {
        lock.lock()
        count += n
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
