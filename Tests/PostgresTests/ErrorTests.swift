import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Errors carry SQLSTATE and the constraint, and keep personal data out of `description`.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct ErrorTests {
    static let secret = "dilnoza.karimova@example.uz"

    static func duplicateError(_ db: Connection) throws -> PostgresError {
        try db.execute("CREATE TABLE people (id serial PRIMARY KEY, email text CONSTRAINT people_email_unique UNIQUE)")
        try db.execute("INSERT INTO people (email) VALUES (\(secret))")
        do {
            try db.execute("INSERT INTO people (email) VALUES (\(secret))")
        } catch let error as PostgresError {
            return error
        }
        throw TestFailure("the duplicate insert succeeded")
    }

    @Test func uniqueViolationNamesTheConstraint() throws {
        try TestDatabase.withDatabase { database in
            let error = try Self.duplicateError(database.connection)
            #expect(error.isUniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.code == .server)
            #expect(error.constraint == "people_email_unique")
            #expect(error.table == "people")
            #expect(!error.isTransient && !error.isConnectionProblem)
        }
    }

    @Test func descriptionKeepsPersonalDataOut() throws {
        try TestDatabase.withDatabase { database in
            let error = try Self.duplicateError(database.connection)
            let detail = try #require(error.detail)
            #expect(detail.contains(Self.secret))  // the server does report it …
            #expect(!error.description.contains(Self.secret))  // … but description never shows it
            #expect(!error.description.contains(detail))
            #expect(!"\(error)".contains(Self.secret))
            #expect(!String(describing: error).contains(Self.secret))
            #expect(error.debugDescription.contains("duplicate key value violates unique constraint"))
            #expect(error.debugDescription.contains(Self.secret))
        }
    }

    @Test func unreachableSocketIsAConnectionProblem() throws {
        let missing = "postgresql://dsar@%2Ftmp%2Fdsar-no-such-socket-\(UInt32.random(in: 0...UInt32.max))/postgres"
        let error = try #require(throws: PostgresError.self) { try Connection(missing) }
        #expect(error.isConnectionProblem)
        #expect(error.code == .connectionFailed)
        #expect(!error.description.contains("dsar-no-such-socket"))
    }

    @Test func terminatedSessionIsAConnectionProblem() throws {
        try TestDatabase.withDatabase { database in
            let victim = try database.connect()
            let admin = database.connection
            try admin.query("SELECT pg_terminate_backend(\(victim.backendPID))")
            let error = try #require(throws: PostgresError.self) { try victim.query("SELECT 1") }
            #expect(error.isConnectionProblem)
            #expect(!victim.isAlive)
        }
    }

    @Test func undefinedTableHasItsState() throws {
        try TestDatabase.withDatabase { database in
            let error = try #require(throws: PostgresError.self) {
                try database.connection.query("SELECT * FROM no_such_table")
            }
            #expect(error.sqlState == .undefinedTable)
            #expect(error.sqlState?.errorClass == "42")
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
