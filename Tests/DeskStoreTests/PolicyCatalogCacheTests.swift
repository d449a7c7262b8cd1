import DeskCore
import DeskTestSupport
import Foundation
import Postgres
import Testing

@testable import DeskStore

/// `PolicyCatalog.Cache`: what one `RequestStore` or `QueueQuery` instance has read it does not
/// read again; a new instance (every CLI command makes its own) reads the catalog afresh.
@Suite struct PolicyCatalogCacheTests {
    @Test func aCachedCatalogReadsEachPolicyOnceAndAFreshOneSeesChanges() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let cache = PolicyCatalog.Cache()
            let cached = PolicyCatalog(db, cache: cache)
            let before = try cached.load("uz")
            let codes = try cached.codes()
            let holidays = before.calendar.holidays.count
            try db.execute("UPDATE policies SET name = 'Renamed' WHERE code = 'uz'")
            try db.execute("DELETE FROM holidays WHERE calendar = \(before.policy.calendarName)")

            let again = try cached.load("uz")
            #expect(again.policy.name == before.policy.name)
            #expect(again.calendar.holidays.count == holidays)
            #expect(try cached.codes() == codes)

            let fresh = try PolicyCatalog(db, cache: PolicyCatalog.Cache()).load("uz")
            #expect(fresh.policy.name == "Renamed")
            #expect(fresh.calendar.holidays.isEmpty)
            #expect(try PolicyCatalog(db).load("uz").policy.name == "Renamed")
        }
    }

    @Test func anUnknownPolicyIsNotFoundThroughTheCacheToo() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let cached = PolicyCatalog(database.connection, cache: PolicyCatalog.Cache())
            for _ in 0..<2 {
                #expect(throws: StoreError.self) { try cached.load("nowhere") }
            }
        }
    }

    @Test("claim then close through one instance each: the chain stays valid and the head is the last event")
    func claimAndCloseKeepTheChain() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let store = RequestStore(db)
            let queue = QueueQuery(db)
            let now = Date(timeIntervalSince1970: 1_775_000_000)
            for index in 0..<3 {
                let request = try store.create(
                    NewRequest(
                        kind: .access, requesterName: "Cache Test \(index)", email: "cache\(index)@example.org",
                        channel: .email, receivedAt: now.addingTimeInterval(-86_400)),
                    actor: "t", now: now)
                _ = try store.apply(.event(.start), to: request.reference, actor: "t", occurredAt: now, now: now)
            }
            var closed = 0
            while let item = try queue.claim(kind: nil, actor: "claimer", now: now) {
                #expect(item.request.assignee == "claimer")
                let applied = try store.apply(
                    .event(.closeRefused, ground: .exemptionOther, note: "Court order 12/2026"), to: item.request.reference, actor: "claimer",
                    occurredAt: now, now: now)
                #expect(applied.request.state == .refused)
                closed += 1
            }
            #expect(closed == 3)
            let verification = try AuditLog(db).verify()
            #expect(verification.firstBreak == nil)
            // 3 × (received, started, assigned, refused)
            #expect(verification.checked == 12)
            let last = try #require(try db.query("SELECT event FROM events ORDER BY seq DESC LIMIT 1").first)
            #expect(try last.decode(column: 0, as: String.self) == "close_refused")
        }
    }
}
