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

    /// Expects `sql` to be refused for lack of privilege (SQLSTATE 42501).
    static func expectDenied(_ db: Connection, _ sql: Query, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try db.execute(sql)
            Issue.record("expected permission denied", sourceLocation: sourceLocation)
        } catch let error as PostgresError {
            #expect(error.sqlState == .insufficientPrivilege, "\(error.debugDescription)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
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

                Self.expectDenied(desk, "UPDATE events SET actor = 'someone else'")
                Self.expectDenied(desk, "DELETE FROM events")
                Self.expectDenied(desk, "TRUNCATE events")
                // Sealing sets an event's leaf once; nothing else of a sealed log may change.
                #expect(try AuditLog(desk).seal(now: Self.now) != .busy)
                #expect(throws: PostgresError.self) { try desk.execute("UPDATE events SET leaf = leaf + 100") }
                let leaves = try #require(try desk.query("SELECT min(leaf), max(leaf) FROM events").first?.decode((Int, Int).self))
                #expect(leaves.0 == 0 && leaves.1 == 1)
                Self.expectDenied(desk, "UPDATE audit_seals SET root = prev_root")
                Self.expectDenied(desk, "DELETE FROM audit_seals")
                Self.expectDenied(desk, "CREATE TABLE notes (body text)")
                Self.expectDenied(desk, "ALTER TABLE requests ADD COLUMN secret text")
                Self.expectDenied(desk, "ALTER TABLE events DISABLE TRIGGER events_no_update")
                Self.expectDenied(desk, "SELECT * FROM dsar_grant()")
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

                Self.expectDenied(report, "SELECT * FROM requesters")
                Self.expectDenied(report, "SELECT name FROM requesters")
                Self.expectDenied(report, "SELECT details FROM requests")
                Self.expectDenied(report, "SELECT raw FROM messages")
                Self.expectDenied(report, "INSERT INTO settings (key, value, updated_by) VALUES ('dpo.name', 'x', 'x')")
                Self.expectDenied(report, "INSERT INTO cases DEFAULT VALUES")
                Self.expectDenied(report, "UPDATE requests SET assignee = 'me'")
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
                Self.expectDenied(desk, "DELETE FROM later_table")
            }
        }
    }
}
