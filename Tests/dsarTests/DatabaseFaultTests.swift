import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The database going away in the middle of a command (issue 9 §2): exit 6, one sentence, and
/// nothing half-written.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct DatabaseFaultTests {
    @Test func sessionKilledMidCommandExitsSixAndWritesNothing() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let created = try database.runDsar(["new", "--kind", "access", "--name", "A", "--email", "a@example.uz"])
            let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let eventsBefore = try database.connection.query("SELECT count(*) FROM events").first?.decode(column: 0, as: Int.self)

            // Hold the request's row so `dsar start` blocks inside its transaction, then end its session.
            let holder = try database.connect()
            try holder.executeScript("BEGIN")
            try holder.execute("SELECT 1 FROM requests WHERE reference = \(reference) FOR UPDATE")
            let box = LockedRun()
            let url = database.url
            let thread = Thread { box.set(try? runDsar(["start", reference], environment: ["DSAR_DATABASE_URL": url])) }
            thread.start()
            Thread.sleep(forTimeInterval: 1.0)
            let killed = try database.connection.query(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> \(holder.backendPID)
                """)
            #expect(try killed.first?.decode(column: 0, as: Int.self) == 1)
            while !box.done { Thread.sleep(forTimeInterval: 0.05) }
            try holder.executeScript("ROLLBACK")

            let run = try #require(box.run)
            #expect(run.status == 6, "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
            let state = try database.connection.query("SELECT state FROM requests").first?.decode(column: 0, as: String.self)
            #expect(state == "received")
            let eventsAfter = try database.connection.query("SELECT count(*) FROM events").first?.decode(column: 0, as: Int.self)
            #expect(eventsAfter == eventsBefore)
            // The next command simply works again.
            #expect(try database.runDsar(["start", reference]).status == 0)
        }
    }
}
