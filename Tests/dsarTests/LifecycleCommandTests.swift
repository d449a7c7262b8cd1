import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The lifecycle commands end to end: the built binary, its output and its exit codes (SPEC §8).
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct LifecycleCommandTests {
    let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00", "DSAR_DEBUG": "0"]

    func count(_ database: TestDatabase, _ table: String) throws -> Int {
        let rows = try database.connection.query("SELECT count(*) FROM requests")
        _ = table
        return try rows.first?.decode(column: 0, as: Int.self) ?? -1
    }

    @Test func newShowCloseWithExitCodes() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let created = try database.runDsar(
                ["new", "--kind", "access", "--name", "Dilnoza Karimova", "--email", "dilnoza@example.uz",
                 "--at", "2026-11-19 10:00", "--actor", "kamola"], environment: now)
            #expect(created.status == 0, "\(created.stderr)")
            let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(reference == "DSAR-2026-000001")

            let shown = try database.runDsar(["show", reference, "--json"], environment: now)
            #expect(shown.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            for key in ["reference", "kind", "state", "policy", "requester", "channel", "received_at", "due_on", "days_left",
                        "assignee", "extended", "paused", "events", "letters", "messages", "evidence"] {
                #expect(object.keys.contains(key), "show --json lacks \(key)")
            }
            #expect(object["due_on"] as? String == "2026-11-30")
            #expect(object["state"] as? String == "received")

            let refused = try database.runDsar(["close", reference, "--outcome", "fulfilled"], environment: now)
            #expect(refused.status == 4)
            #expect(refused.stderr.contains("received"))
            #expect(refused.stderr.split(separator: "\n").count == 1)

            #expect(try database.runDsar(["start", reference], environment: now).status == 0)
            #expect(try database.runDsar(["record", reference, "no-data-held"], environment: now).status == 0)
            let closed = try database.runDsar(["close", reference, "--outcome", "fulfilled"], environment: now)
            #expect(closed.status == 0, "\(closed.stderr)")
            #expect(closed.stdout.contains("fulfilled"))
            let verified = try database.runDsar(["audit", "verify"], environment: now)
            #expect(verified.status == 0)
            #expect(verified.stdout.contains("intact"))
        }
    }

    @Test("bad input exits 2 and writes nothing; unknown references exit 3",
          arguments: [
            (["new", "--kind", "deletion", "--name", "A", "--email", "a@example.uz"], Int32(2)),
            (["new", "--kind", "access", "--name", "A\u{07}B", "--email", "a@example.uz"], Int32(2)),
            (["new", "--kind", "access", "--name", "A", "--email", "not-an-email"], Int32(2)),
            (["new", "--kind", "access", "--name", "A", "--email", "a@example.uz", "--at", "2031-01-01"], Int32(2)),
            (["new", "--kind", "access", "--name", "A", "--email", "a@example.uz", "--at", "2018-12-31"], Int32(2)),
            (["new", "--kind", "access", "--name", "A", "--email", "a@example.uz", "--policy", "mars"], Int32(3)),
            (["show", "DSAR-26-1"], Int32(2)),
            (["show", "DSAR-2026-999999"], Int32(3)),
            (["extend", "DSAR-2026-000001", "--by", "-3m", "--reason", "x"], Int32(2)),
          ])
    func badInput(_ arguments: [String], _ expected: Int32) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(arguments, environment: now)
            #expect(run.status == expected, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.isEmpty)
            #expect(try count(database, "requests") == 0)
        }
    }

    @Test func unreachableDatabaseExitsSix() throws {
        let run = try runDsar(["show", "DSAR-2026-000001"], environment: ["DSAR_DATABASE_URL": "postgresql://dsar@%2Fnonexistent%2Fsocket/dsar"])
        #expect(run.status == 6)
        #expect(run.stderr.contains("Cannot reach"))
    }
}

/// Two desk members acting on one request at once: one wins, the other is told to re-run.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct ConcurrentCommandTests {
    @Test func staleWriteExitsFive() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let created = try database.runDsar(["new", "--kind", "access", "--name", "A", "--email", "a@example.uz"])
            let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let other = try database.connect()
            try other.executeScript("BEGIN")
            try other.execute("UPDATE requests SET assignee = 'bob', version = version + 1, updated_by = 'bob' WHERE reference = \(reference)")
            let box = LockedRun()
            let url = database.url
            let thread = Thread {
                box.set(try? runDsar(["start", reference, "--actor", "alice"], environment: ["DSAR_DATABASE_URL": url]))
            }
            thread.start()
            Thread.sleep(forTimeInterval: 1.0)
            try other.executeScript("COMMIT")
            while !box.done { Thread.sleep(forTimeInterval: 0.05) }
            let run = try #require(box.run)
            #expect(run.status == 5, "\(run.stderr)")
            #expect(run.stderr.contains("bob"))
            #expect(try database.runDsar(["audit", "verify"]).status == 0)
        }
    }
}

/// The result of a `dsar` run on another thread.
final class LockedRun: @unchecked Sendable {
    private let lock = NSLock()
    private var value: DsarRun?
    private var finished = false
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    var run: DsarRun? { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ run: DsarRun?) { lock.lock(); value = run; finished = true; lock.unlock() }
}

/// Steps that require a letter (SPEC §3) produce it in the same transaction as the step.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct LifecycleLetterTests {
    @Test func identityRequestClarifyAndExtendProduceTheirLetters() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            for (key, value) in [("organisation.name", "Raqamli Xizmatlar MChJ"), ("organisation.address", "Toshkent"),
                                 ("dpo.name", "Kamola Rasulova"), ("dpo.email", "dpo@example.uz")] {
                #expect(try database.runDsar(["settings", "set", key, value]).status == 0)
            }
            let created = try database.runDsar(["new", "--kind", "access", "--name", "A", "--email", "a@example.uz", "--policy", "gdpr"])
            let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let asked = try database.runDsar(["identity", reference, "request"])
            #expect(asked.status == 0, "\(asked.stderr)")
            #expect(asked.stdout.contains(reference))
            #expect(try database.runDsar(["identity", reference, "verified"]).status == 0)
            #expect(try database.runDsar(["clarify", reference, "--question", "Which account?"]).status == 0)
            #expect(try database.runDsar(["resume", reference]).status == 0)
            #expect(try database.runDsar(["extend", reference, "--by", "1m", "--reason", "Five systems to search"]).status == 0)
            let kinds = try database.connection.query("SELECT kind FROM letters ORDER BY id").map { try $0.decode(column: 0, as: String.self) }
            #expect(kinds == ["identity_request", "clarification_request", "extension_notice"])
        }
    }

    @Test func aStepWhoseLetterCannotBeProducedChangesNothing() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let created = try database.runDsar(["new", "--kind", "access", "--name", "A", "--email", "a@example.uz"])
            let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let asked = try database.runDsar(["identity", reference, "request"])
            #expect(asked.status == 2, "settings are missing: \(asked.stderr)")
            #expect(asked.stderr.contains("dsar settings set"))
            let state = try database.connection.query("SELECT state FROM requests").first?.decode(column: 0, as: String.self)
            #expect(state == "received")
        }
    }
}
