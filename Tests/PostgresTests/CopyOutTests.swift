import DeskTestSupport
import Foundation
import Postgres
import Testing

private struct StopReading: Error {}

/// `COPY (SELECT …) TO STDOUT (FORMAT binary)` streams every row with its fields' exact bytes.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct CopyOutTests {
    @Test func everyRowArrivesInOrderWithItsFieldsExact() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            try db.execute("CREATE TABLE source (id bigint PRIMARY KEY, body text, at timestamptz, flag boolean)")
            try db.copyIn("COPY source (id, body, at, flag) FROM STDIN") { writer in
                for index in 0..<50_000 {
                    try writer.writeRow([
                        String(index), CopyTests.field(index), index % 5 == 0 ? nil : "2026-11-20 09:00:00.\(String(format: "%03d", index % 1000))+00",
                        index % 2 == 0 ? "t" : "f",
                    ])
                }
            }
            var seen: Int64 = 0
            let low: Int64 = 10
            let read = try db.copyOut("SELECT id, body, at, flag FROM source WHERE id >= \(literal: low) ORDER BY id") { row in
                let index = Int(seen + low)
                #expect(row.count == 4)
                #expect(row.int64(0) == seen + low)
                #expect(row.bytes(1).map { String(decoding: $0, as: UTF8.self) } == CopyTests.field(index))
                if index % 5 == 0 {
                    #expect(row.isNull(2) && row.microsecondsSince2000(2) == nil)
                } else {
                    // 2026-11-20 09:00:00 UTC is 848,480,400 s after 2000-01-01.
                    #expect(row.microsecondsSince2000(2) == 848_480_400_000_000 + Int64(index % 1000) * 1000)
                }
                #expect(row.bytes(3).map(Array.init) == [index % 2 == 0 ? 1 : 0])
                #expect(row.bytes(4) == nil && row.isNull(4))
                seen += 1
            }
            #expect(read == 49_990 && seen == 49_990)
        }
    }

    @Test func aBodyThatThrowsStopsTheRowsAndLeavesTheConnectionUsable() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            var calls = 0
            #expect(throws: StopReading.self) {
                try db.copyOut("SELECT g FROM generate_series(1, 100000) g") { _ in
                    calls += 1
                    if calls == 10 { throw StopReading() }
                }
            }
            #expect(calls == 10)
            #expect(db.isAlive)
            let answer = try db.query("SELECT 41 + 1").first?.decode(column: 0, as: Int.self)
            #expect(answer == 42)
        }
    }

    @Test func boundParametersAndServerErrorsAreRefused() throws {
        try TestDatabase.withDatabase { database in
            let db = database.connection
            let misuse = try #require(throws: PostgresError.self) {
                try db.copyOut("SELECT \(1)") { _ in }
            }
            #expect(misuse.code == .misuse)
            let failure = try #require(throws: PostgresError.self) {
                try db.copyOut("SELECT 1 / (g - 5) FROM generate_series(1, 10) g") { _ in }
            }
            #expect(failure.code == .server)
            #expect(try db.query("SELECT 1").first?.decode(column: 0, as: Int.self) == 1)
        }
    }
}
