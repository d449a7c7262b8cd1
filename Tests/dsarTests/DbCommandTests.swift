import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar db …` end to end: the built binary against a fresh database.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct DbCommandTests {
    @Test func migrateAppliesEveryFileThenReportsUpToDate() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestDatabase.sqlDirectory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        try TestDatabase.withDatabase { database in
            // `db migrate` connects first, and connecting already migrates a stale schema.
            let first = try database.runDsar(["db", "migrate"])
            #expect(first.status == 0, "stderr: \(first.stderr)")
            #expect(first.stdout.contains("up to date") || files.allSatisfy { first.stdout.contains("applied \($0)") })
            let rows = try database.connection.query("SELECT count(*) FROM schema_migrations")
            #expect(try rows.first?.decode(column: 0, as: Int.self) == files.count)
            let second = try database.runDsar(["db", "migrate"])
            #expect(second.status == 0)
            #expect(second.stdout == "The schema is up to date.\n")
            #expect(second.stderr.isEmpty)
        }
    }

    @Test func urlAndStatusNameTheConfiguredDatabase() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let url = try database.runDsar(["db", "url"])
            #expect(url.status == 0)
            #expect(url.stdout == database.url + "\n")
            let status = try database.runDsar(["db", "status"])
            #expect(status.status == 0, "stderr: \(status.stderr)")
            #expect(status.stdout.contains("server:   reachable"))
        }
    }

    @Test func unreachableDatabaseExitsSixWithOneSentence() throws {
        let missing = "postgresql://dsar@%2Ftmp%2Fdsar-no-such-socket-\(UInt32.random(in: 0...UInt32.max))/dsar"
        let run = try runDsar(["db", "migrate"], environment: ["DSAR_DATABASE_URL": missing])
        #expect(run.status == 6)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(run.stderr.hasPrefix("dsar: "))
    }

    @Test func startRefusesWhenAURLIsConfigured() throws {
        try TestDatabase.withDatabase { database in
            let run = try database.runDsar(["db", "start"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("DSAR_DATABASE_URL"))
        }
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let run = try runDsar(["no-such-command"], environment: ["DSAR_DATABASE_URL": "postgresql://unused"])
        #expect(run.status == 2)
        #expect(!run.stderr.isEmpty)
    }
}
