import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar demo --requests N`: the synthetic history loaded with COPY keeps every rule of the schema,
/// a valid audit chain and reference counters that later requests continue from.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct SyntheticDeskTests {
    static let now = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06

    @Test func twoThousandRequestsTwiceKeepTheDeskConsistent() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let summary = try SyntheticDesk(db).generate(count: 2_000, actor: "bench", now: Self.now, batchSize: 700)
            #expect(summary.requests == 2_000)

            // Every state occurs (the CHECK constraints held, or the COPY would have failed).
            let states = try db.query("SELECT DISTINCT state FROM requests").map { try $0.decode(column: 0, as: RequestState.self) }
            #expect(Set(states) == Set(RequestState.allCases))
            let languages = try db.query("SELECT DISTINCT language FROM requesters").map { try $0.decode(column: 0, as: String.self) }
            #expect(Set(languages) == ["uz", "uz-Cyrl", "ru", "en"])
            let policies = try db.query("SELECT count(DISTINCT policy) FROM requests").first?.decode(column: 0, as: Int.self)
            #expect(policies == 4)
            let emails = try db.query("SELECT count(*) FROM requesters WHERE email NOT LIKE '%@example.%'").first?.decode(column: 0, as: Int.self)
            #expect(emails == 0)

            // The audit chain is intact.
            let verification = try AuditLog(db).verify()
            #expect(verification.firstBreak == nil)
            #expect(verification.checked == summary.events)

            // The queue lists the open ones.
            let open = try db.query(
                "SELECT count(*) FROM requests WHERE state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')"
            ).first?.decode(column: 0, as: Int.self) ?? 0
            #expect(open > 0)
            let listing = try QueueQuery(db).list(QueueFilter(limit: 5), now: Self.now)
            #expect(listing.openCount == open)
            #expect(listing.items.count == 5)

            // A request created afterwards continues the year's counter.
            let created = try RequestStore(db).create(
                NewRequest(kind: .access, requesterName: "Test Person", email: "t@example.uz", receivedAt: Self.now),
                actor: "test", now: Self.now)
            let highest = try db.query(
                "SELECT max(reference) FROM requests WHERE reference LIKE 'DSAR-2026-%' AND id <> \(created.id)"
            ).first?.decode(column: 0, as: String.self) ?? ""
            #expect(created.reference > highest)

            // A second run adds as many again, after the request created in between.
            _ = try SyntheticDesk(db).generate(count: 2_000, actor: "bench", now: Self.now)
            let total = try db.query("SELECT count(*) FROM requests").first?.decode(column: 0, as: Int.self)
            #expect(total == 4_001)
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    @Test func refusesACountOutOfRange() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = SyntheticDesk(database.connection)
            #expect(throws: StoreError.self) { try desk.generate(count: 0, actor: "bench", now: Self.now) }
        }
    }

    @Test func theCommandRejectsABadCount() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            for bad in ["0", "abc", "5000001"] {
                let run = try database.runDsar(["demo", "--requests", bad])
                #expect(run.status == 2, "--requests \(bad)")
            }
        }
    }
}
