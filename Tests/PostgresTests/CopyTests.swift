import DeskTestSupport
import Foundation
import Postgres
import Testing

private struct StopCopy: Error {}

/// `COPY … FROM STDIN` loads rows verbatim, or nothing at all.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct CopyTests {
    static func field(_ index: Int) -> String? {
        switch index % 7 {
        case 0: return nil
        case 1: return "tab\there\tand\tthere \(index)"
        case 2: return "line\nbreak\r\nand return \(index)"
        case 3: return "back\\slash \\N \\t \\\\ \(index)"
        case 4: return "Oʻzbekiston ўқғҳ «\(index)»"
        case 5: return ""
        default: return "\\N"
        }
    }

    @Test func tenThousandAwkwardRowsReadBackVerbatim() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE loaded (id int PRIMARY KEY, body text, note text)")
            let copied = try db.copyIn("COPY loaded (id, body, note) FROM STDIN") { writer in
                for index in 0..<10_000 {
                    try writer.writeRow([String(index), Self.field(index), Self.field(index + 3)])
                }
            }
            #expect(copied == 10_000)
            var seen = 0
            for row in try db.query("SELECT id, body, note FROM loaded ORDER BY id") {
                let (id, body, note) = try row.decode((Int, String?, String?).self)
                #expect(id == seen)
                #expect(body == Self.field(id))
                #expect(note == Self.field(id + 3))
                seen += 1
            }
            #expect(seen == 10_000)
        }
    }

    @Test func copyWhoseBodyThrowsLoadsNothing() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE loaded (id int PRIMARY KEY, body text)")
            #expect(throws: StopCopy.self) {
                try db.copyIn("COPY loaded (id, body) FROM STDIN") { writer in
                    for index in 0..<5_000 { try writer.writeRow([String(index), "row \(index)"]) }
                    throw StopCopy()
                }
            }
            #expect(try db.query("SELECT count(*) FROM loaded").first?.decode(column: 0, as: Int.self) == 0)
            #expect(db.isAlive)
        }
    }

    @Test func copyRejectedByTheServerThrowsAndLoadsNothing() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE loaded (id int PRIMARY KEY, body text)")
            let error = try #require(throws: PostgresError.self) {
                try db.copyIn("COPY loaded (id, body) FROM STDIN") { writer in
                    try writer.writeRow(["1", "one"])
                    try writer.writeRow(["1", "duplicate"])
                }
            }
            #expect(error.isUniqueViolation)
            #expect(try db.query("SELECT count(*) FROM loaded").first?.decode(column: 0, as: Int.self) == 0)
        }
    }

    /// Every field kind of the binary encoder, read back as the server renders it (text, bigint,
    /// integer, timestamptz, date, jsonb, NULLs), including instants before 2000 and before 1970.
    @Test func binaryRowsReadBackAsTheirValues() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute(
                """
                CREATE TABLE loaded (id bigint PRIMARY KEY, body text, small integer, at timestamptz, day date,
                                     doc jsonb, later bigint)
                """)
            let instants: [Int64] = [0, 946_684_800_000, 1_764_590_400_123, -86_400_001, 946_684_799_999]
            var rows = CopyBinaryRowEncoder()
            for index in 0..<1_000 {
                rows.add(Int64(index)); rows.add(Self.field(index)); rows.add(Int32(index - 500))
                rows.addTimestamp(milliseconds: index % 11 == 0 ? nil : instants[index % instants.count])
                rows.addDate(daysSinceUnixEpoch: Int32(index * 37 - 11_000))
                rows.addJSONB(index % 3 == 0 ? nil : "{\"n\": \(index), \"s\": \"Oʻzbekiston\"}")
                rows.add(index % 2 == 0 ? nil : Int64.min + Int64(index))
                rows.endRow()
            }
            let copied = try db.copyIn("COPY loaded (id, body, small, at, day, doc, later) FROM STDIN (FORMAT binary)") { writer in
                try writer.write(encoded: rows)
            }
            #expect(copied == 1_000)
            let read = try db.query(
                """
                SELECT id, body, small, (extract(epoch FROM at) * 1000)::bigint, (day - '1970-01-01')::int, doc->>'n',
                       doc->>'s', later FROM loaded ORDER BY id
                """)
            #expect(read.count == 1_000)
            for (index, row) in read.enumerated() {
                let (id, body, small, ms, days, n, s, later) =
                    try row.decode((Int64, String?, Int, Int64?, Int, String?, String?, Int64?).self)
                #expect(id == Int64(index))
                #expect(body == Self.field(index))
                #expect(small == index - 500)
                #expect(ms == (index % 11 == 0 ? nil : instants[index % instants.count]))
                #expect(days == index * 37 - 11_000)
                #expect(n == (index % 3 == 0 ? nil : String(index)))
                #expect(s == (index % 3 == 0 ? nil : "Oʻzbekiston"))
                #expect(later == (index % 2 == 0 ? nil : Int64.min + Int64(index)))
            }
        }
    }
}
