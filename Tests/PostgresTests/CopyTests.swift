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
}
