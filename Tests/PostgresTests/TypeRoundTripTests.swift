import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Every Swift type the layer binds and decodes goes to the server and comes back unchanged.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct TypeRoundTripTests {
    static let createTable: Query = """
        CREATE TABLE samples (
            id serial PRIMARY KEY, i bigint, i32 integer, i64 bigint, d double precision, b boolean,
            t text, ts timestamptz, day date, u uuid, bytes bytea, tags text[])
        """

    @Test func everyTypeRoundTrips() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute(Self.createTable)
            let instant = Date(timeIntervalSince1970: 1_795_000_000.123456)
            let uuid = UUID()
            let bytes = PostgresBytes([0, 1, 2, 0, 255, 0])
            let tags = PostgresTextArray(["a", nil, "b"])
            try db.execute("""
                INSERT INTO samples (i, i32, i64, d, b, t, ts, day, u, bytes, tags)
                VALUES (\(Int.max), \(Int32.min), \(Int64.min), \(0.1), \(true), \("text"), \(instant),
                        \("2026-03-21"), \(uuid), \(bytes), \(tags))
                """)
            let row = try #require(try db.query("SELECT i, i32, i64, d, b, t, ts, day, u, bytes, tags FROM samples").first)
            let decoded = try row.decode((Int, Int32, Int64, Double, Bool, String, Date, Date, UUID, PostgresBytes, PostgresTextArray).self)
            #expect(decoded.0 == Int.max)
            #expect(decoded.1 == Int32.min)
            #expect(decoded.2 == Int64.min)
            #expect(decoded.3 == 0.1)
            #expect(decoded.4 == true)
            #expect(decoded.5 == "text")
            #expect(abs(decoded.6.timeIntervalSince(instant)) < 0.000_001)
            #expect(decoded.7 == Date(timeIntervalSince1970: 1_774_051_200))  // 2026-03-21T00:00:00Z
            #expect(decoded.8 == uuid)
            #expect(decoded.9 == bytes)
            #expect(decoded.10 == tags)
        }
    }

    @Test func nullDecodesAsNilForEveryType() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute(Self.createTable)
            let none: String? = nil
            try db.execute("INSERT INTO samples (t, i) VALUES (\(none), \(Optional<Int>.none))")
            let row = try #require(try db.query("SELECT i, i32, i64, d, b, t, ts, day, u, bytes, tags FROM samples").first)
            let decoded = try row.decode((Int?, Int32?, Int64?, Double?, Bool?, String?, Date?, Date?, UUID?, PostgresBytes?, PostgresTextArray?).self)
            #expect(decoded.0 == nil && decoded.1 == nil && decoded.2 == nil && decoded.3 == nil)
            #expect(decoded.4 == nil && decoded.5 == nil && decoded.6 == nil && decoded.7 == nil)
            #expect(decoded.8 == nil && decoded.9 == nil && decoded.10 == nil)
            #expect(throws: PostgresError.self) { try row.decode(column: 5, as: String.self) }
        }
    }

    @Test(arguments: [
        0.1, -0.0, 1.5, -1.5e300, 1.7976931348623157e308, 2.2250738585072014e-308, 123456.789,
        .infinity, -.infinity,
    ])
    func doubleRoundTrips(_ value: Double) throws {
        try TestDatabase.withDatabase { database in
            let row = try #require(try database.connection.query("SELECT \(value)::float8").first)
            let decoded = try row.decode(column: 0, as: Double.self)
            #expect(decoded == value)
            #expect(decoded.sign == value.sign)
        }
    }

    @Test func notANumberRoundTrips() throws {
        try TestDatabase.withDatabase { database in
            let row = try #require(try database.connection.query("SELECT \(Double.nan)::float8, 'NaN'::float8 = \(Double.nan)::float8").first)
            let (decoded, equalOnServer) = try row.decode((Double, Bool).self)
            #expect(decoded.isNaN)
            #expect(equalOnServer)
        }
    }

    @Test func integerExtremesRoundTrip() throws {
        try TestDatabase.withDatabase { database in
            let row = try #require(
                try database.connection.query(
                    "SELECT \(Int.min)::bigint, \(Int32.max)::integer, \(Int64.max)::bigint, \(0)::int, \(-1)::int"
                ).first)
            let decoded = try row.decode((Int, Int32, Int64, Int, Int).self)
            #expect(decoded.0 == Int.min && decoded.1 == Int32.max && decoded.2 == Int64.max)
            #expect(decoded.3 == 0 && decoded.4 == -1)
        }
    }

    @Test func datesFromTimestamptzAndDate() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            // Microseconds survive; the server's session zone does not matter (+05 input).
            let row = try #require(
                try db.query("""
                    SELECT '2026-11-21 18:58:41.123456+05'::timestamptz, '2026-11-21'::date,
                           '1969-12-31 23:59:59.5+00'::timestamptz, \(Date(timeIntervalSince1970: 0))::timestamptz
                    """).first)
            let (instant, day, beforeEpoch, epoch) = try row.decode((Date, Date, Date, Date).self)
            #expect(abs(instant.timeIntervalSince1970 - 1_795_269_521.123456) < 0.000_001)
            #expect(day == Date(timeIntervalSince1970: 1_795_219_200))
            #expect(beforeEpoch == Date(timeIntervalSince1970: -0.5))
            #expect(epoch == Date(timeIntervalSince1970: 0))
            // A Date bound into a date column keeps its UTC calendar day.
            try db.execute("CREATE TABLE days (day date)")
            try db.execute("INSERT INTO days VALUES (\(Date(timeIntervalSince1970: 1_795_269_521)))")
            let stored = try #require(try db.query("SELECT day::text, day FROM days").first)
            let (text, decoded) = try stored.decode((String, Date).self)
            #expect(text == "2026-11-21")
            #expect(decoded == Date(timeIntervalSince1970: 1_795_219_200))
        }
    }

    @Test func uzbekAndCyrillicTextRoundTrips() throws {
        let samples = [
            "Oʻzbekiston Respublikasi, Gʻafur Gʻulom koʻchasi",
            "O’zbekiston — ‘tirnoq’ va ʼapostrofʼ",
            "Ўзбекистон, қўшиқ, ғалаба, ҳаёт — ЎҚҒҲ",
            "Персональные данные: «Ёлка»",
            "e\u{301} combining, 😀 emoji, \u{200B} zero width, \t tab \r\n crlf",
        ]
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE texts (id int, body text)")
            for (index, text) in samples.enumerated() {
                try db.execute("INSERT INTO texts VALUES (\(index), \(text))")
            }
            let rows = try db.query("SELECT body, length(body) FROM texts ORDER BY id")
            #expect(rows.count == samples.count)
            for (index, row) in rows.enumerated() {
                let (body, length) = try row.decode((String, Int).self)
                #expect(body == samples[index])
                #expect(length == samples[index].unicodeScalars.count)
            }
        }
    }

    @Test func byteaKeepsZeroBytesAndEveryValue() throws {
        var all = [UInt8](0...255)
        all += [0, 0, 0]
        try TestDatabase.withDatabase { database in
            let db = database.connection
            for bytes in [all, [], [0]] {
                let row = try #require(try db.query("SELECT \(PostgresBytes(bytes))::bytea, length(\(PostgresBytes(bytes)))").first)
                let (decoded, length) = try row.decode((PostgresBytes, Int).self)
                #expect(decoded.bytes == bytes)
                #expect(length == bytes.count)
            }
        }
    }

    @Test func textArraysWithAwkwardElements() throws {
        let elements: [String?] = [
            "plain", nil, "NULL", "null", "", " ", "with \"quotes\"", "back\\slash", "trailing\\",
            "a,b", "{braces}", "}", "{", "  padded  ", "Oʻzbek ўқғҳ", "new\nline", "tab\there", "'single'",
            "\\\"", ",", "\"",
        ]
        try TestDatabase.withDatabase { database in
            let db = database.connection
            let array = PostgresTextArray(elements)
            let row = try #require(
                try db.query("SELECT \(array)::text[], cardinality(\(array)::text[]), array_position(\(array)::text[], NULL)").first)
            let (decoded, count, nullPosition) = try row.decode((PostgresTextArray, Int, Int?).self)
            #expect(decoded.elements == elements)
            #expect(count == elements.count)
            #expect(nullPosition == 2)
            let empty = try #require(try db.query("SELECT \(PostgresTextArray([String]()))::text[]").first)
            #expect(try empty.decode(column: 0, as: PostgresTextArray.self).elements.isEmpty)
        }
    }

    /// PostgreSQL does not quote an element that starts with a combining mark, so the decoder must
    /// split on the comma scalar, not on the comma character (grapheme).
    @Test func textArrayElementStartingWithCombiningMark() throws {
        let elements: [String?] = ["\u{301}a", "b", "\u{301}c", "d\u{301}"]
        try TestDatabase.withDatabase { database in
            let row = try #require(try database.connection.query("SELECT \(PostgresTextArray(elements))::text[]").first)
            let decoded = try row.decode(column: 0, as: PostgresTextArray.self)
            #expect(decoded.elements == elements)
        }
    }

    @Test func fiveMegabytesOfText() throws {
        let chunk = "Oʻzbekiston ўқғҳ data subject request 0123456789\n"
        let text = String(repeating: chunk, count: 5 * 1024 * 1024 / chunk.utf8.count + 1)
        #expect(text.utf8.count > 5 * 1024 * 1024)
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE big (body text)")
            try db.execute("INSERT INTO big VALUES (\(text))")
            let row = try #require(try db.query("SELECT body, octet_length(body) FROM big").first)
            let (body, octets) = try row.decode((String, Int).self)
            #expect(octets == text.utf8.count)
            #expect(body == text)
        }
    }

    @Test func columnsDecodeByName() throws {
        try TestDatabase.withDatabase { database in
            let row = try #require(try database.connection.query("SELECT 7 AS seven, 'x' AS letter").first)
            #expect(try row.decode("letter", as: String.self) == "x")
            #expect(try row.decode("seven", as: Int.self) == 7)
            #expect(throws: PostgresError.self) { try row.decode("missing", as: Int.self) }
            #expect(throws: PostgresError.self) { try row.decode("letter", as: Int.self) }
        }
    }
}
