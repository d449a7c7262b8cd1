import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar audit verify` against a log changed behind the desk's back (issue 9 §5): a superuser
/// disables the append-only triggers and edits, deletes or reorders rows; the CLI must say so with
/// exit 4 and one sentence naming the first broken entry. The application role cannot do this at
/// all (`RolesTests`); these tests cover the case of someone with the server's keys.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct AuditVerifyCommandTests {
    static let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]

    /// A desk with three requests, two of them started: six events, seq 1…6.
    static func desk(_ database: TestDatabase) throws {
        for (index, name) in ["Aziz Rahimov", "Nodira Yusupova", "Olga Petrova"].enumerated() {
            let created = try database.runDsar(
                ["new", "--kind", "access", "--name", name, "--email", "person\(index)@example.uz"], environment: now)
            #expect(created.status == 0, "\(created.stderr)")
            if index < 2 {
                let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(try database.runDsar(["start", reference], environment: now).status == 0)
            }
        }
        let events = try database.connection.query("SELECT count(*) FROM events").first?.decode(column: 0, as: Int.self)
        #expect(events == 5)
        let intact = try database.runDsar(["audit", "verify"], environment: now)
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.contains("5 events checked"))
    }

    /// Runs `sql` as the superuser with the audit log's triggers off, then `dsar audit verify`.
    static func tamper(_ database: TestDatabase, _ sql: String) throws -> DsarRun {
        try database.connection.executeScript(
            "ALTER TABLE events DISABLE TRIGGER USER; " + sql + "; ALTER TABLE events ENABLE TRIGGER USER")
        return try database.runDsar(["audit", "verify"], environment: now)
    }

    static func expectBroken(_ run: DsarRun, at sequence: Int, saying words: String) {
        #expect(run.status == 4, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("event #\(sequence)"), "\(run.stderr)")
        #expect(run.stderr.contains(words), "\(run.stderr)")
    }

    @Test func editedRowIsNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "UPDATE events SET actor = 'mallory' WHERE seq = 3")
            Self.expectBroken(run, at: 3, saying: "altered")
            #expect(run.stderr.contains("2 events before it are intact"))
        }
    }

    @Test func editedRowWithItsOwnHashRecomputedIsNamedAtTheNextRow() throws {
        // A forger who also recomputes the edited row's hash still breaks the link from the row after it.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let second = try #require(try AuditLog(database.connection).events(requestID: 1).first { $0.sequence == 2 })
            let forged = AuditEntry(
                sequence: second.sequence, requestID: second.requestID, occurredAt: second.occurredAt,
                recordedAt: second.recordedAt, actor: "mallory", event: second.event, fromState: second.fromState,
                toState: second.toState, payload: second.payload, prevHash: second.prevHash, hash: ""
            ).withComputedHash()
            try database.connection.executeScript("ALTER TABLE events DISABLE TRIGGER USER")
            try database.connection.execute(
                "UPDATE events SET actor = \(forged.actor), hash = \(forged.hash) WHERE seq = 2")
            let run = try Self.tamper(database, "SELECT 1")
            Self.expectBroken(run, at: 3, saying: "does not follow")
        }
    }

    @Test func deletedRowIsNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 3")
            Self.expectBroken(run, at: 4, saying: "missing")
        }
    }

    @Test func deletedNewestRowIsNamed() throws {
        // The newest rows leave a valid prefix behind; the recorded head of the chain gives them away.
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 5")
            Self.expectBroken(run, at: 5, saying: "missing")
        }
    }

    @Test func reorderedRowsAreNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(
                database,
                """
                UPDATE events SET seq = 1000 WHERE seq = 2;
                UPDATE events SET seq = 2 WHERE seq = 3;
                UPDATE events SET seq = 3 WHERE seq = 1000
                """)
            Self.expectBroken(run, at: 2, saying: "Audit row 2")
        }
    }

    @Test func deletedFirstRowIsNamed() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.desk(database)
            let run = try Self.tamper(database, "DELETE FROM events WHERE seq = 1")
            Self.expectBroken(run, at: 2, saying: "missing")
        }
    }
}
