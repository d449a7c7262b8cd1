import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The migrator applies `SQL/` once, refuses edited history, and tolerates concurrent runs.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct MigratorTests {
    let migrator = Migrator(directory: TestDatabase.sqlDirectory)

    @Test func freshDatabaseGetsEveryFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestDatabase.sqlDirectory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!files.isEmpty)
        try TestDatabase.withDatabase { database in
            let db = database.connection
            #expect(try !migrator.isUpToDate(db))
            let applied = try migrator.migrate(db)
            #expect(applied.map { String(format: "%04d_%@.sql", $0.version, $0.name) } == files)
            let recorded = try db.query("SELECT version, name FROM schema_migrations ORDER BY version")
                .map { try $0.decode((Int, String).self) }
            #expect(recorded.map(\.0) == applied.map(\.version))
            #expect(recorded.map(\.1) == applied.map(\.name))
            #expect(try migrator.isUpToDate(db))
        }
    }

    @Test func secondRunIsANoOp() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try migrator.migrate(db)
            let before = try db.query("SELECT count(*) FROM policy_rules").first?.decode(column: 0, as: Int.self)
            #expect(try migrator.migrate(db).isEmpty)
            #expect(try db.query("SELECT count(*) FROM policy_rules").first?.decode(column: 0, as: Int.self) == before)
            #expect(try db.query("SELECT count(*) FROM schema_migrations").first?.decode(column: 0, as: Int.self)
                == (try migrator.migrations().count))
        }
    }

    @Test func changedAppliedFileIsRefused() throws {
        let copy = try Self.copyOfSQL()
        defer { try? FileManager.default.removeItem(at: copy) }
        let edited = Migrator(directory: copy)
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try edited.migrate(db)
            let file = copy.appendingPathComponent("0002_audit_log.sql")
            let original = try String(contentsOf: file, encoding: .utf8)
            try (original + "\n-- an innocent-looking edit\n").write(to: file, atomically: true, encoding: .utf8)
            let error = try #require(throws: StoreError.self) { try edited.migrate(db) }
            guard error.code == .migrationChanged, let message = error.name else {
                Issue.record("expected a configuration error, got \(error)")
                return
            }
            #expect(message == "0002_audit_log.sql")
        }
    }

    @Test func newFileIsAppliedAlone() throws {
        let copy = try Self.copyOfSQL()
        defer { try? FileManager.default.removeItem(at: copy) }
        let migrator = Migrator(directory: copy)
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            try "CREATE TABLE added_later (id int);\n".write(
                to: copy.appendingPathComponent("9999_added_later.sql"), atomically: true, encoding: .utf8)
            let applied = try migrator.migrate(db)
            #expect(applied.map(\.version) == [9999])
            #expect(try db.query("SELECT to_regclass('added_later') IS NOT NULL").first?.decode(column: 0, as: Bool.self) == true)
        }
    }

    @Test func concurrentMigrationsOfAFreshDatabaseBothSucceed() throws {
        try TestDatabase.withDatabase { database in
            let url = database.url
            let directory = TestDatabase.sqlDirectory
            let outcomes = Outcomes()
            let group = DispatchGroup()
            for _ in 0..<2 {
                DispatchQueue.global().async(group: group) {
                    do {
                        let connection = try Connection(url)
                        let applied = try Migrator(directory: directory).migrate(connection)
                        outcomes.add(.success(applied.count))
                    } catch {
                        outcomes.add(.failure("\(error)"))
                    }
                }
            }
            group.wait()
            let results = outcomes.all
            #expect(results.count == 2)
            var counts: [Int] = []
            for result in results {
                switch result {
                case .success(let count): counts.append(count)
                case .failure(let message): Issue.record("a concurrent migration failed: \(message)")
                }
            }
            // One of them did the work, the other found nothing left to do.
            let fileCount = try migrator.migrations().count
            #expect(counts.sorted() == [0, fileCount])
            let upToDate = try migrator.isUpToDate(database.connection)
            #expect(upToDate)
        }
    }

    static func copyOfSQL() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-sql-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatabase.sqlDirectory, to: copy)
        return copy
    }
}

/// Results collected from threads.
private final class Outcomes: @unchecked Sendable {
    enum Outcome { case success(Int), failure(String) }
    private let lock = NSLock()
    private var outcomes: [Outcome] = []
    func add(_ outcome: Outcome) { lock.withLock { outcomes.append(outcome) } }
    var all: [Outcome] { lock.withLock { outcomes } }
}
