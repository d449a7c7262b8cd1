import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Values are always parameters: SQL text never carries them, whatever they contain.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct QueryTests {
    @Test func injectionAttemptIsStoredVerbatim() throws {
        let hostile = "'); DROP TABLE requests; --"
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE requests (id serial PRIMARY KEY, details text NOT NULL)")
            let query: Query = "INSERT INTO requests (details) VALUES (\(hostile))"
            #expect(query.sql == "INSERT INTO requests (details) VALUES ($1)")
            #expect(!query.sql.contains("DROP"))
            try db.execute(query)
            let rows = try db.query("SELECT details FROM requests WHERE details = \(hostile)")
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(column: 0, as: String.self) == hostile)
            let table = try #require(try db.query("SELECT to_regclass('requests') IS NOT NULL").first)
            #expect(try table.decode(column: 0, as: Bool.self))
        }
    }

    @Test func fragmentsCombinedWithPlusAreRenumbered() throws {
        let head: Query = "SELECT \(1)::int AS a, \("one")::text AS b, "
        let tail: Query = "\(2)::int AS c, \("two")::text AS d"
        let combined = head + tail
        #expect(combined.sql == "SELECT $1::int AS a, $2::text AS b, $3::int AS c, $4::text AS d")
        #expect(combined.bindings == [.text("1"), .text("one"), .text("2"), .text("two")])

        let conditions: [Query] = ["x > \(10)", "y = \("why")", "z IS NOT NULL"]
        let joined = Query.joined(conditions, separator: " AND ")
        #expect(joined.sql == "x > $1 AND y = $2 AND z IS NOT NULL")
        let spliced: Query = "SELECT * FROM t WHERE a = \(0) AND \(fragment: joined) LIMIT \(5)"
        #expect(spliced.sql == "SELECT * FROM t WHERE a = $1 AND x > $2 AND y = $3 AND z IS NOT NULL LIMIT $4")
        #expect(spliced.bindings == [.text("0"), .text("10"), .text("why"), .text("5")])

        try TestDatabase.withDatabase { database in
            let row = try #require(try database.connection.query(combined).first)
            let decoded = try row.decode((Int, String, Int, String).self)
            #expect(decoded == (1, "one", 2, "two"))
        }
    }

    @Test func emptyStringsBindAndComeBackEmptyNotNull() throws {
        try TestDatabase.withDatabase { database in
            let row = try #require(try database.connection.query("SELECT \("")::text, \("")::text IS NULL, length(\("")::text)").first)
            let (text, isNull, length) = try row.decode((String?, Bool, Int).self)
            #expect(text == "")
            #expect(!isNull)
            #expect(length == 0)
        }
    }

    @Test func identifiersAreQuoted() {
        let name = "odd\"name"
        let query: Query = "CREATE DATABASE \(identifier: name)"
        #expect(query.sql == "CREATE DATABASE \"odd\"\"name\"")
        #expect(query.bindings.isEmpty)
    }

    @Test func textWithNulIsRefusedBeforeReachingTheServer() throws {
        try TestDatabase.withDatabase { database in
            let error = try #require(throws: PostgresError.self) {
                try database.connection.query("SELECT \("a\u{0}b")::text")
            }
            #expect(error.code == .misuse)
            #expect(database.connection.isAlive)
        }
    }
}
