import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Least privilege (issue 9 §6, `SQL/0050_roles.sql`): what a login in `dsar_desk` and one in
/// `dsar_report` may and may not do, on the real server.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct RolesTests {
    static let now = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06

    /// Creates a LOGIN role in `group`, runs `body` with a connection as that role, drops the role.
    static func withLogin(in group: String, _ database: TestDatabase, _ body: (Connection) throws -> Void) throws {
        let user = "t_\(group.dropFirst("dsar_".count))_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        try database.connection.execute("CREATE ROLE \(identifier: user) LOGIN IN ROLE \(identifier: group)")
        defer { _ = try? database.connection.execute("DROP ROLE IF EXISTS \(identifier: user)") }
        let separator = database.url.contains("?") ? "&" : "?"
        let connection = try Connection(database.url + separator + "user=" + user)
        try body(connection)
    }

    @Test func deskWorksTheRequestsButCannotRewriteTheAuditLogNorTheSchema() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.withLogin(in: "dsar_desk", database) { desk in
                let store = RequestStore(desk)
                let created = try store.create(
                    NewRequest(kind: .access, requesterName: "Dilnoza Karimova", email: "dilnoza@example.uz", receivedAt: Self.now),
                    actor: "aziza", now: Self.now)
                let started = try store.apply(.event(.start), to: created.reference, actor: "aziza", occurredAt: Self.now, now: Self.now)
                #expect(started.request.state == .inProgress)
                #expect(try AuditLog(desk).verify().firstBreak == nil)

                #expect(desk.answer(to: "UPDATE events SET actor = 'someone else'") == .denied)
                #expect(desk.answer(to: "DELETE FROM events") == .denied)
                #expect(desk.answer(to: "TRUNCATE events") == .denied)
                // Sealing sets an event's leaf once; nothing else of a sealed log may change.
                #expect(try AuditLog(desk).seal(now: Self.now) != .busy)
                #expect(throws: PostgresError.self) { try desk.execute("UPDATE events SET leaf = leaf + 100") }
                let leaves = try #require(try desk.query("SELECT min(leaf), max(leaf) FROM events").first?.decode((Int, Int).self))
                #expect(leaves.0 == 0 && leaves.1 == 1)
                #expect(desk.answer(to: "UPDATE audit_seals SET root = prev_root") == .denied)
                #expect(desk.answer(to: "DELETE FROM audit_seals") == .denied)
                #expect(desk.answer(to: "CREATE TABLE notes (body text)") == .denied)
                #expect(desk.answer(to: "ALTER TABLE requests ADD COLUMN secret text") == .denied)
                #expect(desk.answer(to: "ALTER TABLE events DISABLE TRIGGER events_no_update") == .denied)
                #expect(desk.answer(to: "SELECT * FROM dsar_grant()") == .denied)
            }
            let events = try database.connection.query("SELECT count(*) FROM events").first?.decode(column: 0, as: Int.self)
            #expect(events == 2)
        }
    }

    @Test func reportReadsRequestsAndMaskedRequestersOnly() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let created = try RequestStore(database.connection).create(
                NewRequest(kind: .erasure, requesterName: "Dilnoza Karimova", email: "dilnoza@example.uz",
                           phone: "+998 90 123 45 67", details: "my account 12345", receivedAt: Self.now),
                actor: "test", now: Self.now)
            try Self.withLogin(in: "dsar_report", database) { report in
                let request = try report.query("SELECT reference, state, kind FROM requests").first?.decode((String, String, String).self)
                #expect(request?.0 == created.reference)
                #expect(request?.1 == "received")
                let masked = try report.query("SELECT name, email, phone FROM requesters_masked").first?
                    .decode((String, String?, String?).self)
                #expect(masked?.0 == "D*** K***")
                #expect(masked?.1 == "d***@example.uz")
                #expect(masked?.2 == "***67")

                #expect(report.answer(to: "SELECT * FROM requesters") == .denied)
                #expect(report.answer(to: "SELECT name FROM requesters") == .denied)
                #expect(report.answer(to: "SELECT details FROM requests") == .denied)
                #expect(report.answer(to: "SELECT raw FROM messages") == .denied)
                #expect(report.answer(to: "INSERT INTO settings (key, value, updated_by) VALUES ('dpo.name', 'x', 'x')") == .denied)
                #expect(report.answer(to: "INSERT INTO cases DEFAULT VALUES") == .denied)
                #expect(report.answer(to: "UPDATE requests SET assignee = 'me'") == .denied)
            }
        }
    }

    @Test func grantsCanBeReappliedAndSayWhatTheyDid() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try database.connection.execute("CREATE TABLE later_table (id bigserial PRIMARY KEY, note text)")
            let steps = try RoleGrants(database.connection).apply()
            #expect(steps.contains("later_table: SELECT, INSERT, UPDATE to dsar_desk"))
            #expect(steps.contains("events: SELECT, INSERT to dsar_desk, UPDATE of leaf only to seal (no DELETE or TRUNCATE)"))
            try Self.withLogin(in: "dsar_desk", database) { desk in
                try desk.execute("INSERT INTO later_table (note) VALUES ('x')")
                #expect(desk.answer(to: "DELETE FROM later_table") == .denied)
            }
        }
    }
}
