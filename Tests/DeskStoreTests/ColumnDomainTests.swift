import DeskCore
import DeskTestSupport
import Foundation
import Postgres
import Testing
@testable import DeskStore

/// SQL/0160 moved the per-column CHECKs of `events` and `requests` into domains: each still
/// refuses what its CHECK refused, with the same SQLSTATE, and a well-formed value still goes in.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct ColumnDomainTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let hash = String(repeating: "ab", count: 32)

    /// An insert of one event with one column replaced by `value` (the rest well formed).
    static func event(requestID: Int64, position: Int64, column: String, value: String) -> Query {
        func pick(_ name: String, _ wellFormed: String) -> String { name == column ? value : wellFormed }
        let ownHash = String(repeating: position.isMultiple(of: 2) ? "c0" : "c1", count: 32)
        return """
            INSERT INTO events (request_id, chain_pos, occurred_at, recorded_at, actor, event, payload, prev_hash, hash)
            VALUES (\(requestID), \(position), \(now), \(now), \(pick("actor", "aziz"))::text, \(pick("event", "note_added"))::text,
                    \(pick("payload", "{\"n\":1}"))::text, \(pick("prev_hash", hash))::text, \(pick("hash", ownHash))::text)
            """
    }

    @Test func eventColumnsRefuseWhatTheirChecksRefused() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try RequestStore(db).create(
                NewRequest(kind: .access, requesterName: "Domain Test", email: "d@example.uz", receivedAt: Self.now),
                actor: "setup", now: Self.now)
            let refused: [(String, String)] = [
                ("hash", "ABC"), ("hash", String(repeating: "G", count: 64)), ("prev_hash", String(repeating: "0", count: 63)),
                ("event", "Note added"), ("event", ""), ("actor", ""), ("actor", String(repeating: "a", count: 101)),
            ]
            for (column, value) in refused {
                #expect(db.answer(to: Self.event(requestID: request.id, position: 90, column: column, value: value))
                    == .refused(.checkViolation), "\(column) = \(value.prefix(12))")
            }
            // Text that is not JSON fails its cast inside the check (22P02), as it did in the CHECK.
            for payload in ["{not json", ""] {
                #expect(db.answer(to: Self.event(requestID: request.id, position: 90, column: "payload", value: payload)) == .refused("22P02"))
            }
            #expect(db.answer(to: Self.event(requestID: request.id, position: 90, column: "actor", value: "a")) == .ran)
            #expect(db.answer(to: Self.event(requestID: request.id, position: 91, column: "payload", value: "[]")) == .ran)
        }
    }

    @Test func requestColumnsRefuseWhatTheirChecksRefused() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try RequestStore(db).create(
                NewRequest(kind: .access, requesterName: "Domain Test", email: "d@example.uz", receivedAt: Self.now),
                actor: "setup", now: Self.now)
            let refused: [Query] = [
                "UPDATE requests SET reference = 'DSAR-26-1' WHERE id = \(request.id)",
                "UPDATE requests SET reference = 'dsar-2026-000001' WHERE id = \(request.id)",
                "UPDATE requests SET extended_by = '2 months' WHERE id = \(request.id)",
                "UPDATE requests SET extended_by = '1000d' WHERE id = \(request.id)",
                "UPDATE requests SET audit_hash = 'f00', audit_pos = 9 WHERE id = \(request.id)",
            ]
            for statement in refused {
                #expect(db.answer(to: statement) == .refused(.checkViolation), "\(statement.sql)")
            }
            #expect(db.answer(to: "UPDATE requests SET extended_by = '14wd' WHERE id = \(request.id)") == .ran)
            #expect(db.answer(to: "UPDATE requests SET audit_hash = \(Self.hash), audit_pos = 9 WHERE id = \(request.id)") == .ran)
        }
    }
}
