import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Statements travel prepared once per session, several in one round trip, and the BEGIN of a
/// transaction with its first statement.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct PipelineTests {
    @Test func aStatementIsPreparedOnceAndRunAgainWithOtherValues() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            for value in 1...3 {
                #expect(try db.query("SELECT \(value)::int + 40").first?.decode(column: 0, as: Int.self) == value + 40)
            }
            let prepared = try db.query(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement = \("SELECT $1::int + 40")"
            ).first?.decode(column: 0, as: Int.self)
            #expect(prepared == 1)
        }
    }

    @Test func aPipelineAnswersEachStatementInOrder() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            let results = try db.withTransaction { tx in
                try tx.pipeline([
                    .init("INSERT INTO items VALUES (\(1)), (\(2))"), .init("SELECT count(*) FROM items"),
                    .init("SELECT \("two")::text"),
                ])
            }
            #expect(results.count == 3)
            #expect(results[0].affectedRows == 2)
            #expect(try results[1].first?.decode(column: 0, as: Int.self) == 2)
            #expect(try results[2].first?.decode(column: 0, as: String.self) == "two")
        }
    }

    @Test func aFailureInAPipelineIsThrownAndItsTransactionUndone() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            let error = try #require(throws: PostgresError.self) {
                try db.withTransaction { tx in
                    try tx.pipeline([
                        .init("INSERT INTO items VALUES (\(1))"), .init("INSERT INTO items VALUES (\(1))"),
                        .init("INSERT INTO items VALUES (\(3))"),
                    ])
                }
            }
            #expect(error.isUniqueViolation)
            #expect(error.transactionStep == .body)
            #expect(try db.query("SELECT count(*) FROM items").first?.decode(column: 0, as: Int.self) == 0)
        }
    }

    @Test func aStatementWithBadSQLFailsEveryTimeAndLeavesTheSessionUsable() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            for _ in 1...2 {
                let error = try #require(throws: PostgresError.self) { try db.query("SELEC \(1)") }
                #expect(error.sqlState == "42601")
            }
            #expect(try db.query("SELECT \(5)::int").first?.decode(column: 0, as: Int.self) == 5)
        }
    }

    @Test func aTableChangedUnderAPreparedStatementIsReadAgain() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE items (id int PRIMARY KEY)")
            try db.execute("INSERT INTO items VALUES (\(1))")
            #expect(try db.query("SELECT * FROM items").columns == ["id"])
            try db.execute("ALTER TABLE items ADD COLUMN name text")
            #expect(try db.query("SELECT * FROM items").columns == ["id", "name"])
        }
    }

    @Test func theBeginTravelsWithTheFirstStatementAndAnEmptyBodyCommitsNothing() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            let empty: Int = try db.withTransaction { _ in 7 }
            #expect(empty == 7)
            let inside = try db.withTransaction(.serializable) { tx in
                try tx.query("SELECT current_setting('transaction_isolation')").first?.decode(column: 0, as: String.self)
            }
            // The isolation level of the BEGIN applies to the first statement, sent with it.
            #expect(inside == "serializable")
            let scripted = try db.withTransaction { tx in
                try tx.executeScript("SET LOCAL application_name = 'pipelined'")
                return try tx.query("SELECT current_setting('application_name')").first?.decode(column: 0, as: String.self)
            }
            #expect(scripted == "pipelined")
            #expect(try db.query("SELECT current_setting('application_name')").first?.decode(column: 0, as: String.self) != "pipelined")
        }
    }
}
