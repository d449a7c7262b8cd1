import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar purge` and `dsar db migrate --grant` end to end.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct PurgeCommandTests {
    let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]

    @Test func badOrFutureDatesAreRefusedWithExitTwo() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let malformed = try database.runDsar(["purge", "--closed-before", "2023-13-01"], environment: now)
            #expect(malformed.status == 2)
            #expect(malformed.stderr.contains("YYYY-MM-DD"))
            let future = try database.runDsar(["purge", "--closed-before", "2026-11-22"], environment: now)
            #expect(future.status == 2)
            #expect(future.stderr.contains("future"))
        }
    }

    @Test func dryRunPrintsCountsThenThePurgeIsAudited() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let received = ISO8601DateFormatter().date(from: "2022-03-01T10:00:00+05:00") ?? .distantPast
            let request = try RequestStore(database.connection).create(
                NewRequest(kind: .access, requesterName: "Dilnoza Karimova", email: "dilnoza@example.uz", receivedAt: received),
                actor: "kamola", now: received)
            _ = try RequestStore(database.connection).apply(
                .event(.withdraw), to: request.reference, actor: "kamola", occurredAt: received, now: received)

            let dry = try database.runDsar(["purge", "--dry-run", "--json"], environment: now)
            #expect(dry.status == 0, "\(dry.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any]
            #expect(object?["requesters"] as? Int == 1)
            #expect(object?["dry_run"] as? Bool == true)
            #expect(object?["closed_before"] as? String == "2023-11-21")

            let run = try database.runDsar(["purge", "--closed-before", "2023-01-01", "--actor", "kamola"], environment: now)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Anonymised"))
            let name = try database.connection.query("SELECT name FROM requesters").first?.decode(column: 0, as: String.self)
            #expect(name == "anonymised")
            let verify = try database.runDsar(["audit", "verify"], environment: now)
            #expect(verify.status == 0)
        }
    }

    @Test func migrateGrantPrintsWhatItGranted() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(["db", "migrate", "--grant"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("  events: SELECT, INSERT to dsar_desk, UPDATE of leaf only to seal (no DELETE or TRUNCATE)"))
        }
    }
}
