import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The desk's own retention rule (issue 9 §7): requesters whose requests all closed before the
/// cut-off lose their personal data; everyone else, the statistics and the audit chain do not.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct RetentionPurgeTests {
    /// 2026-11-21 10:00 in Tashkent: the default cut-off is 2023-11-21.
    static let now = t("2026-11-21 10:00")

    /// `2022-03-01 10:00` in Tashkent.
    static func t(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text.replacingOccurrences(of: " ", with: "T") + ":00+05:00") ?? .distantPast
    }

    struct Desk {
        let db: Connection
        var refs: [String: StoredRequest] = [:]

        mutating func create(_ name: String, _ kind: Right, at: String, details: String? = nil) throws {
            refs[name] = try RequestStore(db).create(
                NewRequest(kind: kind, requesterName: "Requester \(name)", email: "\(name)@example.uz", phone: "+998 90 000 00 01",
                           details: details, receivedAt: t(at)),
                actor: "kamola", now: t(at))
        }

        func apply(_ name: String, _ action: LifecycleAction, at: String) throws {
            _ = try RequestStore(db).apply(action, to: refs[name]?.reference ?? "", actor: "kamola", occurredAt: t(at), now: t(at))
        }

        func id(_ name: String) -> Int64 { refs[name]?.id ?? 0 }
    }

    /// old, old2: closed in March 2022; mixed: one request closed in 2022 and one still open;
    /// recent: closed in October 2026; open: received in 2022 and still open.
    static func seed(_ db: Connection) throws -> Desk {
        var desk = Desk(db: db)
        try desk.create("old", .access, at: "2022-03-01 10:00", details: "customer number 4711 of Requester old")
        try desk.apply("old", .event(.start), at: "2022-03-01 11:00")
        try desk.apply("old", .event(.clarify, note: "Which of your two accounts, Requester old?"), at: "2022-03-02 10:00")
        try desk.apply("old", .event(.resume), at: "2022-03-03 10:00")
        try desk.apply("old", .event(.closeRefused, ground: .exemptionOther, note: "Requester old asked again"), at: "2022-03-05 10:00")
        try db.execute(
            """
            INSERT INTO messages (sha256, message_id, raw, size_bytes, source, from_name, from_email, subject, status, request_id)
            VALUES (\(String(repeating: "c", count: 64)), '<m1@example.uz>', '\\x4869'::bytea, 2, 'test.eml',
                    'Requester old', 'old@example.uz', 'My data please', 'new', \(desk.id("old")))
            """)
        try db.execute(
            """
            INSERT INTO inbox_items (message_id, status, resolution, request_id)
            SELECT id, 'converted', 'converted for Requester old', \(desk.id("old")) FROM messages
            """)
        try db.execute(
            """
            INSERT INTO letters (request_id, kind, language, format, sha256, verification_code, subject, body, recipient,
                                 produced_at, produced_by)
            VALUES (\(desk.id("old")), 'refusal', 'uz', 'text', \(String(repeating: "d", count: 64)), 'ABCD-EFGH-JK23',
                    'Your request', 'Dear Requester old, …', 'old@example.uz', \(t("2022-03-05 10:00")), 'kamola')
            """)
        try desk.create("old2", .erasure, at: "2022-03-10 10:00", details: "delete me")
        try desk.apply("old2", .event(.withdraw), at: "2022-03-11 10:00")
        try desk.create("mixed", .access, at: "2022-03-15 10:00", details: "mixed details")
        try desk.apply("mixed", .event(.withdraw), at: "2022-03-16 10:00")
        try desk.create("mixed-open", .objection, at: "2022-03-20 10:00")
        try db.execute(
            """
            UPDATE requests SET requester_id = (SELECT requester_id FROM requests WHERE id = \(desk.id("mixed")))
            WHERE id = \(desk.id("mixed-open"))
            """)
        try desk.create("recent", .access, at: "2026-10-01 10:00", details: "recent details")
        try desk.apply("recent", .event(.withdraw), at: "2026-10-02 10:00")
        try desk.create("open", .rectification, at: "2022-03-25 10:00", details: "open details")
        return desk
    }

    /// Everything personal the purge may touch, as one comparable text.
    static func personalData(_ db: Connection) throws -> [String] {
        try db.query(
            """
            SELECT concat_ws('|', q.name, q.email, q.phone, q.anonymised_at IS NULL, r.reference, r.details, r.close_note)
            FROM requests r JOIN requesters q ON q.id = r.requester_id ORDER BY r.id
            """
        ).map { try $0.decode(column: 0, as: String.self) }
        + db.query("SELECT concat_ws('|', raw IS NULL, from_name, from_email, subject) FROM messages ORDER BY id")
            .map { try $0.decode(column: 0, as: String.self) }
        + db.query("SELECT concat_ws('|', body, subject, sha256) FROM letters ORDER BY id").map { try $0.decode(column: 0, as: String.self) }
        + db.query("SELECT question FROM clarifications ORDER BY id").map { try $0.decode(column: 0, as: String.self) }
        + db.query("SELECT coalesce(resolution, '-') FROM inbox_items ORDER BY id").map { try $0.decode(column: 0, as: String.self) }
    }

    static func eventCount(_ db: Connection) throws -> Int {
        try db.query("SELECT count(*) FROM events").first?.decode(column: 0, as: Int.self) ?? -1
    }

    @Test func purgesOnlyRequestersWhoseRequestsAllClosedBeforeTheCutoff() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let desk = try Self.seed(db)
            let march2022 = try MonthlyReportQuery(db).figures(year: 2022, month: 3, policy: nil)
            let october2026 = try MonthlyReportQuery(db).figures(year: 2026, month: 10, policy: nil)
            let eventsBefore = try Self.eventCount(db)

            let result = try RetentionPurge(db).purge(closedBefore: nil, dryRun: false, actor: "kamola", now: Self.now)
            #expect(result.closedBefore == LocalDate(year: 2023, month: 11, day: 21))
            #expect(!result.dryRun)
            var expected = RetentionPurge.Counts()
            expected.requesters = 2
            expected.requests = 2
            expected.messages = 1
            expected.letters = 1
            expected.clarifications = 1
            expected.inboxItems = 1
            #expect(result.counts == expected)

            let requesters = try db.query(
                """
                SELECT r.reference, q.name, q.email, q.phone, q.anonymised_at IS NOT NULL, r.details, r.close_note, r.state
                FROM requests r JOIN requesters q ON q.id = r.requester_id
                """
            ).map { try $0.decode((String, String, String?, String?, Bool, String?, String?, String).self) }
            for (reference, name, email, phone, anonymised, details, note, state) in requesters {
                let purged = [desk.refs["old"]?.reference, desk.refs["old2"]?.reference].contains(reference)
                #expect(anonymised == purged, "\(reference)")
                #expect((name == "anonymised") == purged, "\(reference)")
                #expect((email == nil && phone == nil) == purged, "\(reference)")
                if purged {
                    #expect(details == nil && note == nil, "\(reference)")
                } else {
                    #expect(details != nil || reference == desk.refs["mixed-open"]?.reference, "\(reference)")
                }
                #expect(!state.isEmpty)
            }
            let message = try db.query("SELECT raw IS NULL, from_name, from_email, subject, sha256 FROM messages").first?
                .decode((Bool, String?, String?, String?, String).self)
            #expect(message?.0 == true && message?.1 == nil && message?.2 == nil && message?.3 == nil)
            #expect(message?.4 == String(repeating: "c", count: 64))
            let letter = try db.query("SELECT body, subject, sha256, verification_code, recipient FROM letters").first?
                .decode((String?, String?, String, String, String?).self)
            #expect(letter?.0 == nil && letter?.1 == nil && letter?.4 == nil)
            #expect(letter?.2 == String(repeating: "d", count: 64) && letter?.3 == "ABCD-EFGH-JK23")
            #expect(try db.query("SELECT question FROM clarifications").first?.decode(column: 0, as: String.self) == "anonymised")
            #expect(try db.query("SELECT resolution FROM inbox_items").first?.decode(column: 0, as: String?.self) == .some(nil))

            // The statistics and the chain stay; the purge is one event with counts only.
            #expect(try MonthlyReportQuery(db).figures(year: 2022, month: 3, policy: nil) == march2022)
            #expect(try MonthlyReportQuery(db).figures(year: 2026, month: 10, policy: nil) == october2026)
            let verification = try AuditLog(db).verify()
            #expect(verification.firstBreak == nil)
            #expect(verification.checked == eventsBefore + 1)
            let last = try db.query("SELECT request_id, event, payload, actor FROM events ORDER BY seq DESC LIMIT 1").first?
                .decode((Int64?, String, String, String).self)
            #expect(last?.0 == nil && last?.1 == "retention_purge" && last?.3 == "kamola")
            #expect(last?.2.contains("\"requesters\":2") == true)
            #expect(last?.2.contains("Requester") == false)
            #expect(last?.2.contains("2023-11-21") == true)

            // Nothing is left to purge.
            let again = try RetentionPurge(db).purge(closedBefore: nil, dryRun: false, actor: "kamola", now: Self.now)
            #expect(again.counts.isEmpty)
            #expect(try Self.eventCount(db) == eventsBefore + 1)
        }
    }

    @Test func dryRunCountsTheSameAndChangesNothing() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            _ = try Self.seed(db)
            let before = try Self.personalData(db)
            let events = try Self.eventCount(db)
            let cutoff = LocalDate(year: 2026, month: 11, day: 1)
            let dry = try RetentionPurge(db).purge(closedBefore: cutoff, dryRun: true, actor: "kamola", now: Self.now)
            #expect(dry.dryRun)
            #expect(dry.counts.requesters == 3)  // old, old2 and recent (closed 2026-10-02)
            #expect(try Self.personalData(db) == before)
            #expect(try Self.eventCount(db) == events)
            let real = try RetentionPurge(db).purge(closedBefore: cutoff, dryRun: false, actor: "kamola", now: Self.now)
            #expect(real.counts == dry.counts)
            #expect(try Self.personalData(db) != before)
        }
    }

    @Test func theRetentionSettingMovesTheDefaultCutoffAndTheFutureIsRefused() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            _ = try Self.seed(db)
            _ = try SettingsStore(db).set("retention.years", to: "5", actor: "kamola", now: Self.now)
            #expect(try RetentionPurge(db).defaultCutoff(now: Self.now) == LocalDate(year: 2021, month: 11, day: 21))
            let result = try RetentionPurge(db).purge(closedBefore: nil, dryRun: false, actor: "kamola", now: Self.now)
            #expect(result.counts.isEmpty)

            #expect(throws: StoreError.self) {
                try RetentionPurge(db).purge(
                    closedBefore: LocalDate(year: 2026, month: 11, day: 22), dryRun: true, actor: "kamola", now: Self.now)
            }
        }
    }
}
