import DeskTestSupport
import Foundation
import Postgres
import Testing

private struct Abandon: Error {}

/// `withTransaction` commits all or nothing and says which step failed.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct TransactionTests {
    @Test func failedStatementLeavesNothingBehind() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            let error = try #require(throws: PostgresError.self) {
                try db.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES (\(1))")
                    try tx.execute("INSERT INTO items VALUES (\(2))")
                    try tx.execute("INSERT INTO items VALUES (\(1))")
                }
            }
            #expect(error.transactionStep == .body)
            #expect(error.isUniqueViolation)
            #expect(error.debugDescription.contains("step: body"))
            #expect(try db.query("SELECT count(*) FROM items").first?.decode(column: 0, as: Int.self) == 0)
            // The connection is usable again: no transaction is left open.
            _ = try db.withTransaction { tx in try tx.execute("INSERT INTO items VALUES (\(3))") }
            #expect(try db.query("SELECT count(*) FROM items").first?.decode(column: 0, as: Int.self) == 1)
        }
    }

    @Test func swiftErrorInBodyRollsBack() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            #expect(throws: Abandon.self) {
                try db.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES (\(1))")
                    throw Abandon()
                }
            }
            #expect(try db.query("SELECT count(*) FROM items").first?.decode(column: 0, as: Int.self) == 0)
        }
    }

    @Test func failedRollbackIsReportedWithTheBodysError() throws {
        try TestDatabase.withDatabase { database in
            let doomed = try database.connect()
            let error = try #require(throws: PostgresError.self) {
                try doomed.withTransaction { tx in
                    try tx.execute("CREATE TABLE items (id int PRIMARY KEY)")
                    // The session ends itself: the body fails, and so does the ROLLBACK after it.
                    _ = try? tx.query("SELECT pg_terminate_backend(pg_backend_pid())")
                    throw Abandon()
                }
            }
            #expect(error.transactionStep == .rollback)
            #expect(error.isConnectionProblem)
            #expect(error.rolledBackBecause is Abandon)
            #expect(error.debugDescription.contains("rolled back because"))
            #expect(try database.connection.query("SELECT to_regclass('items') IS NULL").first?.decode(column: 0, as: Bool.self) == true)
        }
    }

    @Test func committedWorkIsVisibleToOtherSessions() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            let value = try db.withTransaction(.serializable) { tx in
                try tx.execute("INSERT INTO items VALUES (\(7))")
                return 42
            }
            #expect(value == 42)
            let other = try database.connect()
            #expect(try other.query("SELECT id FROM items").first?.decode(column: 0, as: Int.self) == 7)
        }
    }

    @Test func savepointRollsBackOnlyItsPart() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            try db.withTransaction { tx in
                try tx.execute("INSERT INTO items VALUES (\(1))")
                #expect(throws: PostgresError.self) {
                    try tx.withSavepoint { inner in
                        try inner.execute("INSERT INTO items VALUES (\(2))")
                        try inner.execute("INSERT INTO items VALUES (\(1))")
                    }
                }
                try tx.execute("INSERT INTO items VALUES (\(3))")
            }
            let ids = try db.query("SELECT id FROM items ORDER BY id").map { try $0.decode(column: 0, as: Int.self) }
            #expect(ids == [1, 3])
        }
    }

    /// Two SERIALIZABLE sessions update the same row: the later one gets SQLSTATE 40001.
    @Test func serializationFailureIsDetected() throws {
        try TestDatabase.withDatabase { database in
            let first = database.connection
            let second = try database.connect()
            try first.execute("CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)")
            try first.execute("INSERT INTO counter VALUES (1, 0)")

            try first.executeScript("BEGIN ISOLATION LEVEL SERIALIZABLE")
            _ = try first.query("SELECT value FROM counter WHERE id = 1")
            try second.executeScript("BEGIN ISOLATION LEVEL SERIALIZABLE")
            _ = try second.query("SELECT value FROM counter WHERE id = 1")
            try second.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
            try second.executeScript("COMMIT")
            let error = try #require(throws: PostgresError.self) {
                try first.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
            }
            try first.executeScript("ROLLBACK")
            #expect(error.isSerializationFailure)
            #expect(error.isTransient)
            #expect(error.sqlState == .serializationFailure)
            #expect(!error.isConnectionProblem)
        }
    }

    @Test func retryingTransactionRetriesASerializationFailure() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            let intruder = try database.connect()
            try db.execute("CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)")
            try db.execute("INSERT INTO counter VALUES (1, 0)")
            var attempts = 0
            let final = try db.withRetryingTransaction(.serializable, attempts: 3) { tx in
                attempts += 1
                let current = try tx.query("SELECT value FROM counter WHERE id = 1").first?.decode(column: 0, as: Int.self) ?? -1
                if attempts == 1 {
                    // Another session changes the row after our snapshot: our update must fail.
                    try intruder.execute("UPDATE counter SET value = value + 100 WHERE id = 1")
                }
                try tx.execute("UPDATE counter SET value = \(current + 1) WHERE id = 1")
                return current + 1
            }
            #expect(attempts == 2)
            #expect(final == 101)
            #expect(try db.query("SELECT value FROM counter").first?.decode(column: 0, as: Int.self) == 101)
        }
    }

    @Test func retryingTransactionGivesUpAfterItsAttempts() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            let intruder = try database.connect()
            try db.execute("CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)")
            try db.execute("INSERT INTO counter VALUES (1, 0)")
            var attempts = 0
            let error = try #require(throws: PostgresError.self) {
                try db.withRetryingTransaction(.serializable, attempts: 3) { tx in
                    attempts += 1
                    _ = try tx.query("SELECT value FROM counter WHERE id = 1")
                    try intruder.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
                    try tx.execute("UPDATE counter SET value = 0 WHERE id = 1")
                }
            }
            #expect(attempts == 3)
            #expect(error.isSerializationFailure)
            #expect(try db.query("SELECT value FROM counter").first?.decode(column: 0, as: Int.self) == 3)
        }
    }
}
