import DeskCore
import DeskDemo
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar demo --requests N`: the synthetic history loaded with COPY keeps every rule of the schema,
/// a valid audit chain and reference counters that later requests continue from.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct SyntheticDeskTests {
    static let now = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06

    @Test func twoThousandRequestsTwiceKeepTheDeskConsistent() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let summary = try SyntheticDesk(db).generate(count: 2_000, actor: "bench", now: Self.now, batchSize: 700)
            #expect(summary.requests == 2_000)

            // Every state occurs (the CHECK constraints held, or the COPY would have failed).
            let states = try db.query("SELECT DISTINCT state FROM requests").map { try $0.decode(column: 0, as: RequestState.self) }
            #expect(Set(states) == Set(RequestState.allCases))
            let languages = try db.query("SELECT DISTINCT language FROM requesters").map { try $0.decode(column: 0, as: String.self) }
            #expect(Set(languages) == ["uz", "uz-Cyrl", "ru", "en"])
            let policies = try db.query("SELECT count(DISTINCT policy) FROM requests").first?.decode(column: 0, as: Int.self)
            #expect(policies == 4)
            let emails = try db.query("SELECT count(*) FROM requesters WHERE email NOT LIKE '%@example.%'").first?.decode(column: 0, as: Int.self)
            #expect(emails == 0)

            // Each request's events follow one another: every event starts from the state the
            // previous one left (an acknowledgement logged after the request was started did not).
            let broken = try db.query(
                """
                SELECT count(*) FROM (
                    SELECT from_state, lag(to_state) OVER (PARTITION BY request_id ORDER BY seq) AS previous
                    FROM events WHERE request_id IS NOT NULL) e
                WHERE e.from_state IS NOT NULL AND e.previous IS NOT NULL AND e.from_state <> e.previous
                """).first?.decode(column: 0, as: Int.self)
            #expect(broken == 0)

            // Every evidence row reads back as the evidence `dsar record` would have stored, of every kind.
            let withEvidence = try db.query("SELECT DISTINCT request_id FROM evidence").map { try $0.decode(column: 0, as: Int64.self) }
            var kinds = Set<EvidenceKind>()
            for id in withEvidence { kinds.formUnion(try LetterStore(db).evidence(id).map(\.kind)) }
            #expect(!withEvidence.isEmpty)
            #expect(kinds.count >= 5)

            // The lifecycle's rules hold for the synthetic closures (the planner drives RequestLifecycle):
            // GDPR-only grounds only under gdpr, every ground with its note, every retention ground with
            // its law and period, every ZRU-445 extension with who decided it.
            let ruleChecks: [Query] = [
                "SELECT count(*) FROM requests WHERE ground IN ('manifestly_unfounded', 'excessive') AND policy <> 'gdpr'",
                "SELECT count(*) FROM requests WHERE ground IS NOT NULL AND ground <> 'identity_not_verified' AND close_note IS NULL",
                """
                SELECT count(*) FROM requests r WHERE r.ground = 'legal_obligation_to_retain'
                   AND NOT EXISTS (SELECT 1 FROM refusal_retentions t WHERE t.request_id = r.id)
                """,
                """
                SELECT count(*) FROM extensions x JOIN requests r ON r.id = x.request_id
                WHERE r.policy = 'uz-state' AND x.decided_by IS NULL
                """,
                "SELECT count(*) FROM requests WHERE state = 'partially_fulfilled' AND ground IS NULL",
            ]
            for query in ruleChecks {
                #expect(try db.query(query).first?.decode(column: 0, as: Int.self) == 0, "\(query.sql)")
            }
            #expect(try db.query("SELECT count(*) FROM refusal_retentions").first?.decode(column: 0, as: Int.self) ?? 0 > 0)

            // The audit chain is intact.
            let verification = try AuditLog(db).verify()
            #expect(verification.firstBreak == nil)
            #expect(verification.checked == summary.events)

            // The queue lists the open ones.
            let open = try db.query(
                "SELECT count(*) FROM requests WHERE state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')"
            ).first?.decode(column: 0, as: Int.self) ?? 0
            #expect(open > 0)
            let listing = try QueueQuery(db).list(QueueFilter(limit: 5), now: Self.now)
            #expect(listing.openCount == open)
            #expect(listing.items.count == 5)

            // A request created afterwards continues the year's counter.
            let created = try RequestStore(db).create(
                NewRequest(kind: .access, requesterName: "Test Person", email: "t@example.uz", receivedAt: Self.now),
                actor: "test", now: Self.now)
            let highest = try db.query(
                "SELECT max(reference) FROM requests WHERE reference LIKE 'DSAR-2026-%' AND id <> \(created.id)"
            ).first?.decode(column: 0, as: String.self) ?? ""
            #expect(created.reference > highest)

            // A second run adds as many again, after the request created in between.
            _ = try SyntheticDesk(db).generate(count: 2_000, actor: "bench", now: Self.now)
            let total = try db.query("SELECT count(*) FROM requests").first?.decode(column: 0, as: Int.self)
            #expect(total == 4_001)
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    /// Everything a run writes, as one text per table, for comparing two databases.
    static func snapshot(_ db: Connection) throws -> [String] {
        let tables: [Query] = [
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM requests t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM requesters t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM cases t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM evidence t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM letters t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM clock_pauses t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM extensions t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM clarifications t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.request_id)), '') FROM refusal_retentions t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.seq)), '') FROM events t",
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM audit_seals t",
            "SELECT string_agg(year || '=' || last_value, ',' ORDER BY year) FROM reference_counters",
            """
            SELECT string_agg(c.relname || '=' || pg_get_indexdef(i.indexrelid), ',' ORDER BY c.relname)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid IN ('requests'::regclass, 'events'::regclass, 'letters'::regclass, 'evidence'::regclass)
            """,
            "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'events'::regclass",
            "SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'events'::regclass AND NOT tgisinternal",
        ]
        var texts = try tables.map { try db.query($0).first?.decode(column: 0, as: String?.self) ?? "" }
        // The next ids a later request would get.
        for sequence in ["requests_id_seq", "letters_id_seq", "evidence_id_seq"] {
            texts.append(try db.query("SELECT nextval(\(sequence)::regclass)::text").first?.decode(column: 0, as: String.self) ?? "")
        }
        return texts
    }

    struct Interruption: Error {}

    /// Contract 1 of issue 8: a run interrupted part-way leaves nothing, and the same command
    /// run again gives the database a clean run gives; the result is the same every time.
    @Test func anInterruptedRunRerunEqualsACleanRun() throws {
        let clean = try TestDatabase.withDatabase(migrated: true) { database in
            _ = try SyntheticDesk(database.connection).generate(count: 1_500, actor: "bench", now: Self.now, batchSize: 400)
            #expect(try AuditLog(database.connection).verify().firstBreak == nil)
            return try Self.snapshot(database.connection)
        }
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            #expect(throws: Interruption.self) {
                _ = try SyntheticDesk(db).generate(count: 1_500, actor: "bench", now: Self.now, batchSize: 400) { done in
                    if done >= 800 { throw Interruption() }
                }
            }
            let left = try db.query("SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM events)").first?.decode(column: 0, as: Int.self)
            #expect(left == 0)
            _ = try SyntheticDesk(db).generate(count: 1_500, actor: "bench", now: Self.now, batchSize: 400)
            let again = try Self.snapshot(db)
            #expect(again == clean)
        }
    }

    /// The command killed with SIGKILL part-way, then run again, gives the database of one
    /// uninterrupted run (contract 1 of issue 8, through the real process).
    @Test func aKilledCommandRerunEqualsACleanRun() throws {
        let binary = TestDatabase.repositoryRoot.appendingPathComponent(".build/debug/dsar")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let arguments = ["demo", "--requests", "4000", "--actor", "bench"]
        let environment = ["DSAR_NOW": "2026-11-06T09:00:00Z"]
        let clean = try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(arguments, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            return try Self.snapshot(database.connection)
        }
        try TestDatabase.withDatabase(migrated: true) { database in
            for delay in [0.3, 0.8] {
                let process = Process()
                process.executableURL = binary
                process.arguments = arguments
                process.environment = ProcessInfo.processInfo.environment.merging(
                    environment.merging(["DSAR_DATABASE_URL": database.url]) { _, new in new }) { _, new in new }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                Thread.sleep(forTimeInterval: delay)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            let run = try database.runDsar(arguments, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Self.snapshot(database.connection) == clean)
            #expect(try AuditLog(database.connection).verify().firstBreak == nil)
        }
    }

    /// About a tenth of the requests open, and only a minority of those overdue.
    @Test func theOpenShareIsRealistic() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            _ = try SyntheticDesk(db).generate(count: 20_000, actor: "bench", now: Self.now)
            let listing = try QueueQuery(db).list(QueueFilter(limit: 1), now: Self.now)
            let openShare = Double(listing.openCount) / 20_000
            let overdueShare = Double(listing.overdueCount) / Double(max(listing.openCount, 1))
            #expect(openShare > 0.07 && openShare < 0.13, "open share \(openShare)")
            #expect(overdueShare > 0.02 && overdueShare < 0.2, "overdue share of open \(overdueShare)")
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    @Test func refusesACountOutOfRange() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = SyntheticDesk(database.connection)
            #expect(throws: StoreError.self) { try desk.generate(count: 0, actor: "bench", now: Self.now) }
        }
    }

    @Test func theCommandRejectsABadCount() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            for bad in ["0", "abc", "5000001"] {
                let run = try database.runDsar(["demo", "--requests", bad])
                #expect(run.status == 2, "--requests \(bad)")
            }
        }
    }
}
