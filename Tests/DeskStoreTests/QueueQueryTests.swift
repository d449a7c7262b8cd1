import DeskCore
import DeskTestSupport
import Foundation
import Postgres
import Testing

@testable import DeskStore

/// The filter builder, without a database: values are parameters, never SQL text.
@Suite struct QueueFilterBuilderTests {
    let uz = PolicyDay(
        policy: "uz", today: QueueFixtures.today, calendar: WorkingCalendar(name: "uz", weekend: .satSun))

    @Test func noFilterBindsOnlyTheDays() {
        #expect(QueueQuery.conditions.hasPrefix("r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')\n AND "))
        #expect(QueueQuery.Parameters(QueueFilter(), days: [uz]).bindings == [
            .text("{\"uz\"}"), .text("{\"2026-11-20\"}"), .null, .null, .null, .null, .null, .text("f"), .text("f"),
        ])
    }

    @Test func everyFilterBindsItsValue() {
        let filter = QueueFilter(
            state: .inProgress, kind: .erasure, assignee: .person("aziza'; DROP TABLE requests; --"), policy: "uz",
            overdueOnly: true, dueWithinWorkingDays: 2)
        #expect(QueueQuery.Parameters(filter, days: [uz]).bindings == [
            .text("{\"uz\"}"), .text("{\"2026-11-20\"}"), .text("{\"2026-11-24\"}"), .text("in_progress"), .text("erasure"),
            .text("uz"), .text("aziza'; DROP TABLE requests; --"), .text("f"), .text("t"),
        ])
        let listing = QueueQuery.ListingStatement(filter, days: [uz])
        #expect(listing.makeBindings().count == 10)
        #expect(listing.makeBindings().last == .text("50"))
    }

    /// One SQL text for every filter and any number of policies: every value is a parameter.
    @Test func theTextIsConstant() {
        for sql in [QueueQuery.ListingStatement.sql, QueueQuery.CountsStatement.sql] {
            for placeholder in 1...9 { #expect(sql.contains("$\(placeholder)"), "$\(placeholder) in \(sql)") }
            #expect(!sql.contains("$11"))
        }
        #expect(QueueQuery.ListingStatement.sql.contains("LIMIT $10"))
        // The claim's pick binds only the right: its prepared plan fits every claim.
        let claim = QueueQuery.ClaimStatement(kind: .access, days: [uz])
        #expect(claim.makeBindings() == [.text("access")])
        #expect(QueueQuery.ClaimStatement.sql.contains("$1") && !QueueQuery.ClaimStatement.sql.contains("$2"))
    }

    @Test func unassignedIsAFlag() {
        let bindings = QueueQuery.Parameters(QueueFilter(assignee: .nobody), days: [uz]).bindings
        #expect(bindings[6] == .null)
        #expect(bindings[7] == .text("t"))
        #expect(QueueQuery.conditions.contains("(NOT $8::boolean OR r.assignee IS NULL)"))
    }

    @Test func noPoliciesBindEmptyArrays() {
        let bindings = QueueQuery.Parameters(QueueFilter(overdueOnly: true, dueWithinWorkingDays: 3), days: []).bindings
        #expect(Array(bindings.prefix(3)) == [.text("{}"), .text("{}"), .text("{}")])
    }

    /// Friday 2026-11-20: within 2 working days runs to Tuesday 11-24 (Mon, Tue), within 0 to Sunday.
    @Test(arguments: [(0, "2026-11-22"), (1, "2026-11-23"), (2, "2026-11-24"), (5, "2026-11-29")])
    func dueWithinBound(count: Int, last: String) {
        #expect(uz.lastDate(withinWorkingDays: count).iso == last)
    }

    @Test func listingAndClaimOrderAlike() throws {
        let listing = QueueQuery.ListingStatement.sql
        let claim = QueueQuery.ClaimStatement.sql
        // Listing and claim cut the queue into the same bands, in the same order, each read by
        // the same keys; the listing then orders by band and those keys.
        var previous = claim.startIndex
        for condition in QueueQuery.bandConditions {
            let band = QueueQuery.claimBand(condition)
            #expect(band.contains(condition))
            #expect(listing.contains(condition))
            #expect(band.hasSuffix("ORDER BY r.due_on, r.received_at, r.id LIMIT 1 FOR UPDATE OF r SKIP LOCKED"))
            let found = try #require(claim.range(of: "(" + band + ")"))
            #expect(found.lowerBound > previous)
            previous = found.lowerBound
        }
        #expect(claim.contains("WHERE r.id = (SELECT id FROM band0 UNION ALL SELECT id FROM band1 UNION ALL SELECT id FROM band2 LIMIT 1)"))
        #expect(listing.contains(" ORDER BY r.due_on, r.received_at, r.id LIMIT $10)"))
        #expect(listing.hasSuffix("ORDER BY r.band, r.due_on, r.received_at, r.id"))
    }
}

@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct QueueQueryTests {
    let now = QueueFixtures.now

    @Test func ordersReplyWaitingThenByDueDateThenPaused() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = QueueFixtures(db: database.connection)
            let later = try desk.request("Later", due: "2026-11-30")
            let today = try desk.request("Today", due: "2026-11-20")
            let shortOverdue = try desk.request("Short", due: "2026-11-18")
            let longOverdue = try desk.request("Long", due: "2026-11-10", daysAgo: 20)
            let paused = try desk.request("Paused", due: "2026-11-12", state: .awaitingRequester)
            let answered = try desk.request("Answered", due: "2026-12-05", state: .awaitingRequester)
            try desk.reply(to: answered, hoursAgo: 2)
            let answeredBefore = try desk.request("Old", due: "2026-12-01", state: .awaitingRequester)
            try desk.reply(to: answeredBefore, hoursAgo: 30)
            try desk.letter(to: answeredBefore, hoursAgo: 20)
            let sameDueLaterReceipt = try desk.request("Same", due: "2026-11-30", daysAgo: 1)

            let listing = try QueueQuery(database.connection).list(QueueFilter(), now: now)
            #expect(listing.items.map(\.request.reference) == [
                answered, longOverdue, shortOverdue, today, later, sameDueLaterReceipt, paused, answeredBefore,
            ].map(\.reference))
            let byName = Dictionary(uniqueKeysWithValues: listing.items.map { ($0.request.requester.name, $0) })
            #expect(byName["Answered"]?.replyWaiting == true)
            #expect(byName["Old"]?.replyWaiting == false)
            #expect(byName["Short"]?.daysLeft == -2)
            #expect(byName["Short"]?.isOverdue == true)
            #expect(byName["Today"]?.daysLeft == 0)
            #expect(byName["Today"]?.isOverdue == false)
            #expect(byName["Later"]?.daysLeft == 6)
            #expect(byName["Paused"]?.request.isPaused == true)
            #expect(listing.openCount == 8)
            #expect(listing.overdueCount == 3)
            #expect(listing.dueThisWeekCount == 1)
        }
    }

    @Test func filters() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = QueueFixtures(db: database.connection)
            try desk.request("A", kind: .access, due: "2026-11-18")
            try desk.request("B", kind: .erasure, due: "2026-11-24", state: .inProgress, assignee: "aziza")
            try desk.request("C", kind: .rectification, due: "2026-11-25", assignee: "bek")
            try desk.request("D", kind: .access, due: "2026-11-22", policy: "gdpr")
            try desk.request("E", kind: .objection, due: "2026-12-20", state: .awaitingIdentity)
            let closed = try desk.request("F", kind: .access, due: "2026-11-01", daysAgo: 30, state: .withdrawn)
            let queue = QueueQuery(database.connection)
            func names(_ filter: QueueFilter) throws -> [String] {
                try queue.list(filter, now: now).items.map(\.request.requester.name)
            }
            #expect(try names(QueueFilter()) == ["A", "D", "B", "C", "E"])
            #expect(!(try names(QueueFilter())).contains(closed.requester.name))
            #expect(try names(QueueFilter(state: .inProgress)) == ["B"])
            #expect(try names(QueueFilter(kind: .access)) == ["A", "D"])
            #expect(try names(QueueFilter(assignee: .person("aziza"))) == ["B"])
            #expect(try names(QueueFilter(assignee: .nobody)) == ["A", "D", "E"])
            #expect(try names(QueueFilter(policy: "gdpr")) == ["D"])
            #expect(try names(QueueFilter(overdueOnly: true)) == ["A"])
            #expect(try names(QueueFilter(dueWithinWorkingDays: 2)) == ["A", "D", "B"])
            #expect(try names(QueueFilter(dueWithinWorkingDays: 0)) == ["A", "D"])
            #expect(try names(QueueFilter(limit: 2)) == ["A", "D"])
            #expect(try queue.list(QueueFilter(limit: 2), now: now).openCount == 5)
            #expect(throws: StoreError.self) { try queue.list(QueueFilter(policy: "nowhere"), now: now) }
        }
    }

    @Test func claimTakesTheMostUrgentUnassignedAndAuditsIt() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = QueueFixtures(db: database.connection)
            try desk.request("Taken", due: "2026-11-01", daysAgo: 30, assignee: "bek")
            let urgent = try desk.request("Urgent", kind: .erasure, due: "2026-11-19")
            let access = try desk.request("Access", kind: .access, due: "2026-11-25")
            let queue = QueueQuery(database.connection)
            let first = try queue.claim(kind: nil, actor: "aziza", now: now)
            #expect(first?.request.reference == urgent.reference)
            #expect(first?.request.assignee == "aziza")
            #expect(first?.request.version == urgent.version + 1)
            #expect(try queue.claim(kind: .erasure, actor: "aziza", now: now) == nil)
            #expect(try queue.claim(kind: .access, actor: "aziza", now: now)?.request.reference == access.reference)
            #expect(try queue.claim(kind: nil, actor: "aziza", now: now) == nil)
            let events = try AuditLog(database.connection).events(requestID: urgent.id)
            #expect(events.last?.event == "assigned")
            #expect(events.last?.payload.contains("Urgent") == false)
            #expect(try AuditLog(database.connection).verify().firstBreak == nil)
        }
    }

    /// 200,000 requests of which 20,000 open: the queue's statements never scan `requests` whole.
    @Test func queueUsesTheOpenIndex() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            try db.execute("INSERT INTO cases (id) SELECT g FROM generate_series(1, 200000) g")
            try db.execute(
                """
                INSERT INTO requesters (id, name, email, language)
                SELECT g, 'Person ' || g, 'p' || g || '@example.uz', 'uz' FROM generate_series(1, 200000) g
                """)
            try db.execute(
                """
                INSERT INTO requests (reference, case_id, kind, state, policy, requester_id, channel, received_at,
                                      due_on, original_due_on, closed_at, assignee, updated_by)
                SELECT 'DSAR-2025-' || lpad(g::text, 6, '0'), g,
                       (ARRAY['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'])[1 + g % 6],
                       CASE WHEN g % 10 = 0 THEN 'in_progress' ELSE 'fulfilled' END, 'uz', g, 'email',
                       timestamptz '2024-01-01' + g * interval '5 minutes',
                       (timestamptz '2024-01-01' + g * interval '5 minutes')::date + 10,
                       (timestamptz '2024-01-01' + g * interval '5 minutes')::date + 10,
                       CASE WHEN g % 10 = 0 THEN NULL ELSE timestamptz '2024-01-01' + g * interval '5 minutes' + interval '3 days' END,
                       CASE WHEN g % 20 = 0 THEN 'aziza' END, 'load'
                FROM generate_series(1, 200000) g
                """)
            try db.execute("ANALYZE")
            let queue = QueueQuery(db)
            let days = try queue.policyDays(now: now)
            let statements: [(String, () throws -> String)] = [
                (QueueQuery.ListingStatement.sql, { try db.explain(QueueQuery.ListingStatement(QueueFilter(), days: days)) }),
                (QueueQuery.ListingStatement.sql, {
                    try db.explain(QueueQuery.ListingStatement(QueueFilter(kind: .erasure, assignee: .nobody, overdueOnly: true), days: days))
                }),
                (QueueQuery.ListingStatement.sql, {
                    try db.explain(QueueQuery.ListingStatement(QueueFilter(assignee: .person("aziza"), dueWithinWorkingDays: 5), days: days))
                }),
                (QueueQuery.CountsStatement.sql, { try db.explain(QueueQuery.CountsStatement(QueueFilter(), days: days)) }),
            ]
            // The claim's first band starts from the few replies (by primary key), the others
            // from the open index, like the listing's bands.
            let claims: [(String, () throws -> String)] = [
                (QueueQuery.ClaimStatement.sql, { try db.explain(QueueQuery.ClaimStatement(kind: nil, days: days)) }),
                (QueueQuery.ClaimStatement.sql, { try db.explain(QueueQuery.ClaimStatement(kind: .erasure, days: days)) }),
            ]
            for (sql, explain) in statements + claims {
                let plan = try explain()
                let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
                let scans = Self.sequentialScans(json)
                #expect(scans.isEmpty, "sequential scan of \(scans) in \(sql)")
                #expect(plan.contains("requests_open_by_due"), "\(sql) does not use requests_open_by_due")
            }
            #expect(try queue.list(QueueFilter(limit: 10), now: now).openCount == 20_000)
        }
    }

    /// The desk's big tables read by a `Seq Scan` anywhere in an `EXPLAIN (FORMAT JSON)` plan.
    static func sequentialScans(_ node: Any) -> [String] {
        if let list = node as? [Any] { return list.flatMap(sequentialScans) }
        guard let object = node as? [String: Any] else { return [] }
        var found: [String] = []
        if object["Node Type"] as? String == "Seq Scan", let relation = object["Relation Name"] as? String,
            relation == "requests" || relation == "requesters" {
            found.append(relation)
        }
        for value in object.values { found += sequentialScans(value) }
        return found
    }
}
