import DeskCore
import DeskIntake
import DeskTestSupport
import Foundation
import Postgres
import Testing
@testable import DeskStore

@Suite struct IntakeReceiptTests {
    static let now = Date(timeIntervalSince1970: 1_775_000_000)  // 2026-03-31

    @Test(arguments: [
        (-86_400.0, false),  // yesterday: the Date header is used
        (60.0, false),  // a minute ahead (clock skew): used
        (86_400.0, true),  // tomorrow: import time
        (-9 * 365 * 86_400.0, true),  // 2017: import time
    ])
    func dateHeaderIsUsedOnlyWhenPlausible(offset: Double, replaced: Bool) {
        let sent = Self.now.addingTimeInterval(offset)
        let (date, note) = IntakeStore.receivedAt(sentAt: sent, now: Self.now)
        #expect(date == (replaced ? Self.now : sent))
        #expect((note != nil) == replaced)
    }

    @Test func missingDateIsTheImportTime() {
        let (date, note) = IntakeStore.receivedAt(sentAt: nil, now: Self.now)
        #expect(date == Self.now)
        #expect(note != nil)
    }

    @Test func valuesAreMadeStorable() {
        #expect(IntakeStore.text("a\u{0}b", max: 10) == "ab")
        #expect(IntakeStore.text(String(repeating: "x", count: 50), max: 10)?.count == 10)
        #expect(IntakeStore.storableMessageID(String(repeating: "x", count: 999)) == nil)
        #expect(IntakeStore.storableMessageID("") == nil)
        #expect(IntakeStore.storableMessageID("id@example.uz") == "id@example.uz")
        #expect(IntakeStore.storableDate(Date(timeIntervalSince1970: -1)) == nil)
    }
}

@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct IntakeStoreTests {
    static func incoming(_ body: String, messageID: String?, kinds: [Right] = [.erasure]) -> IntakeStore.Incoming {
        let raw = Array("Subject: test\n\n\(body)\n".utf8)
        return IntakeStore.Incoming(
            sha256: SHA256.hex(raw), messageID: messageID, raw: raw, sizeBytes: UInt64(raw.count), source: "test.eml",
            fromName: "Ali Valiyev", fromEmail: "ali@example.uz", subject: "test",
            sentAt: Date(timeIntervalSince1970: 1_772_000_000), language: .uzbekLatin, kinds: kinds)
    }

    @Test func aMessageIsStoredOnceByHashOrMessageID() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let store = IntakeStore(database.connection)
            let now = Date(timeIntervalSince1970: 1_775_000_000)
            let first = try store.store(Self.incoming("delete", messageID: "m1@x"), policy: nil, actor: "t", now: now)
            guard case .create(let kinds) = first.plan else { Issue.record("expected create, got \(first.plan)"); return }
            #expect(kinds == [.erasure])
            #expect(first.requests.count == 1)
            let sameBytes = try store.store(Self.incoming("delete", messageID: nil), policy: nil, actor: "t", now: now)
            #expect(sameBytes.plan == .duplicate(of: .stored(messageRowID: first.messageRowID)))
            let sameID = try store.store(Self.incoming("other bytes", messageID: "m1@x"), policy: nil, actor: "t", now: now)
            #expect(sameID.plan == .duplicate(of: .stored(messageRowID: first.messageRowID)))
            let noID = try store.store(Self.incoming("third", messageID: nil), policy: nil, actor: "t", now: now)
            #expect(noID.requests.count == 1)
            #expect(try database.connection.query("SELECT count(*)::bigint FROM messages").first?.decode(column: 0, as: Int.self) == 2)
        }
    }

    @Test func losingTheRaceToAnotherImportIsADuplicate() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let store = IntakeStore(database.connection)
            let now = Date(timeIntervalSince1970: 1_775_000_000)
            let first = try store.store(Self.incoming("delete", messageID: "race@x"), policy: nil, actor: "t", now: now)
            // As if another import had stored it between our check and our insert.
            let second = try store.store(
                Self.incoming("delete", messageID: "race@x"), decided: .create([.erasure]), policy: nil, actor: "t", now: now,
                hooks: .none, decide: IntakeDecider.decide)
            #expect(second.plan == .duplicate(of: .stored(messageRowID: first.messageRowID)))
            #expect(try database.connection.query("SELECT count(*)::bigint FROM requests").first?.decode(column: 0, as: Int.self) == 1)
        }
    }

    @Test func aTooLargeMessageIsQuarantinedWithoutItsBytesOnce() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let store = IntakeStore(database.connection)
            let now = Date(timeIntervalSince1970: 1_775_000_000)
            let huge = IntakeStore.Incoming(
                sha256: IntakeStore.unloadedHash(source: "big.mbox#3", size: 80_000_000), messageID: nil, raw: nil,
                sizeBytes: 80_000_000, source: "big.mbox#3", quarantineReason: "too_large: over the limit")
            let first = try store.store(huge, policy: nil, actor: "t", now: now)
            #expect(first.plan == .quarantine(reason: "too_large: over the limit"))
            let row = try #require(try database.connection.query(
                "SELECT raw IS NULL, size_bytes, status FROM messages WHERE id = \(first.messageRowID)").first)
            let (rawIsNull, size, status) = try row.decode((Bool, Int, String).self)
            #expect(rawIsNull && size == 80_000_000 && status == "quarantined")
            #expect(try store.store(huge, policy: nil, actor: "t", now: now).plan == .duplicate(of: .stored(messageRowID: first.messageRowID)))
        }
    }

    @Test func aRequestThePolicyRefusesWaitsInTheInbox() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try database.connection.execute("DELETE FROM policy_rules WHERE policy = 'uz' AND kind = 'portability'")
            let stored = try IntakeStore(database.connection).store(
                Self.incoming("export", messageID: "m4@x", kinds: [.portability]), policy: "uz", actor: "t",
                now: Date(timeIntervalSince1970: 1_775_000_000))
            guard case .triage(let reason, _) = stored.plan else { Issue.record("expected triage, got \(stored.plan)"); return }
            #expect(reason?.contains("portability") == true)
            #expect(try database.connection.query("SELECT count(*)::bigint FROM requests").first?.decode(column: 0, as: Int.self) == 0)
        }
    }

    @Test func siblingsShareACaseAndTheHookSeesEachRequest() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            var seen: [String] = []
            let hooks = IntakeStore.Hooks { request, _ in seen.append(request.reference) }
            let stored = try IntakeStore(database.connection).store(
                Self.incoming("access and erasure", messageID: "m2@x", kinds: [.access, .erasure]), policy: "gdpr",
                actor: "t", now: Date(timeIntervalSince1970: 1_775_000_000), hooks: hooks)
            #expect(stored.requests.map(\.kind) == [.access, .erasure])
            #expect(Set(stored.requests.map(\.caseID)).count == 1)
            #expect(stored.requests.allSatisfy { $0.policy == "gdpr" && $0.messageID == stored.messageRowID })
            #expect(seen == stored.requests.map(\.reference))
        }
    }

    @Test func aFailingHookRollsTheWholeMessageBack() throws {
        struct Refused: Error {}
        try TestDatabase.withDatabase(migrated: true) { (database: TestDatabase) throws in
            let hooks = IntakeStore.Hooks { _, _ in throw Refused() }
            #expect(throws: Refused.self) {
                try IntakeStore(database.connection).store(
                    Self.incoming("delete", messageID: "m3@x"), policy: nil, actor: "t",
                    now: Date(timeIntervalSince1970: 1_775_000_000), hooks: hooks)
            }
            #expect(try database.connection.query("SELECT count(*)::bigint FROM messages").first?.decode(column: 0, as: Int.self) == 0)
            #expect(try database.connection.query("SELECT count(*)::bigint FROM requests").first?.decode(column: 0, as: Int.self) == 0)
        }
    }
}

/// Storing a batch (in bulk, or message by message in one transaction) ends with exactly the rows
/// that storing its messages one transaction each gives.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct IntakeBatchTests {
    static let now = Date(timeIntervalSince1970: 1_775_000_000)

    static func message(
        _ body: String, id: String?, kinds: [Right] = [.erasure], email: String? = "ali@example.uz",
        references: [String] = [], quarantine: String? = nil, triage: String? = nil, confident: Bool = true,
        suggested: [RightScore] = []
    ) -> IntakeStore.Incoming {
        let raw = Array("Subject: test\n\n\(body)\n".utf8)
        return IntakeStore.Incoming(
            sha256: SHA256.hex(raw), messageID: id, raw: raw, sizeBytes: UInt64(raw.count), source: "batch.mbox",
            fromName: "Ali\tValiyev\\", fromEmail: email, subject: "test", sentAt: Date(timeIntervalSince1970: 1_772_000_000),
            language: .uzbekLatin, references: references, kinds: kinds, isConfident: confident, suggested: suggested,
            directMarketing: true,
            quarantineReason: quarantine, triageReason: triage)
    }

    /// A mailbox with every kind of outcome; `extra` is appended (to make the bulk path step aside).
    static func mailbox(_ extra: [IntakeStore.Incoming] = []) -> [IntakeStore.Incoming] {
        [
            message("delete", id: "a@x"),
            message("delete", id: nil),  // same bytes: duplicate within the batch
            message("other bytes", id: "a@x"),  // same Message-ID: duplicate
            message("access and object", id: "b@x", kinds: [.access, .objection]),
            message("nothing", id: "c@x", kinds: []),
            message("no sender", id: "d@x", email: nil),
            message("\u{1}\u{2}", id: "e@x", quarantine: "binary: junk"),
            message("auto", id: "f@x", triage: "Auto-Submitted: auto-replied"),
            message("about DSAR-2026-000001", id: "g@x", kinds: [.access], references: ["DSAR-2026-000001"]),
            message(
                "unknown DSAR-2026-009999", id: "h@x", kinds: [.rectification], references: ["DSAR-2026-009999"],
                suggested: [RightScore(right: .rectification, probability: 0.75), RightScore(right: .access, probability: 0.25)]),
            message(
                "not sure", id: "j@x", kinds: [.erasure], confident: false,
                suggested: [RightScore(right: .erasure, probability: 0.5), RightScore(right: .objection, probability: 0.3)]),
        ] + extra
    }

    /// The rows of every intake table in id order, server-time columns left out.
    static func dump(_ db: Connection) throws -> [String] {
        let queries: [Query] = [
            "SELECT concat_ws('|', id, sha256, message_id, md5(raw), size_bytes, source, from_name, from_email, subject, sent_at, imported_at, status, language, in_reply_to, request_id) FROM messages ORDER BY id",
            "SELECT concat_ws('|', id, reference, case_id, kind, state, policy, requester_id, channel, details, direct_marketing, consent_withdrawal, message_id, received_at, due_on, original_due_on, version, updated_at, updated_by) FROM requests ORDER BY id",
            "SELECT concat_ws('|', id, name, email, language, created_at) FROM requesters ORDER BY id",
            "SELECT concat_ws('|', message_id, status, reason, created_at, suggested_kinds, suggested_probabilities) FROM inbox_items ORDER BY id",
            "SELECT concat_ws('|', seq, request_id, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash, hash) FROM events ORDER BY seq",
            "SELECT concat_ws('|', year, last_value) FROM reference_counters ORDER BY year",
            // The Message-ID of a letter carries random hex: only whether it has one is compared.
            """
            SELECT concat_ws('|', id, request_id, kind, language, format, sha256, verification_code, subject, md5(body),
                             message_id LIKE '<dsar.%', recipient, produced_at, produced_by)
            FROM letters ORDER BY id
            """,
        ]
        return try queries.flatMap { try db.query($0).map { try $0.decode(column: 0, as: String.self) } }
    }

    /// Stores a request DSAR-2026-000001 first so that replies have something to answer.
    static func prepare(_ db: Connection) throws {
        _ = try IntakeStore(db).store(message("first", id: "0@x", kinds: [.access]), policy: nil, actor: "t", now: now)
    }

    /// Hooks made for the database of one run.
    typealias HooksFor = (Connection) throws -> IntakeStore.Hooks

    static func oneByOne(_ mailbox: [IntakeStore.Incoming], hooks: IntakeStore.Hooks = .none) throws -> ([IntakeStore.Plan], [String]) {
        try oneByOne(mailbox, hooksFor: { _ in hooks })
    }

    static func batched(_ mailbox: [IntakeStore.Incoming], hooks: IntakeStore.Hooks = .none) throws -> ([IntakeStore.Plan], [String]) {
        try batched(mailbox, hooksFor: { _ in hooks })
    }

    static func oneByOne(_ mailbox: [IntakeStore.Incoming], hooksFor: HooksFor) throws -> ([IntakeStore.Plan], [String]) {
        var result: ([IntakeStore.Plan], [String]) = ([], [])
        try TestDatabase.withDatabase(migrated: true) { database in
            try prepare(database.connection)
            let hooks = try hooksFor(database.connection)
            let store = IntakeStore(database.connection)
            let plans = try mailbox.map { try store.store($0, policy: nil, actor: "t", now: now, hooks: hooks).plan }
            result = (plans, try dump(database.connection))
        }
        return result
    }

    static func batched(_ mailbox: [IntakeStore.Incoming], hooksFor: HooksFor) throws -> ([IntakeStore.Plan], [String]) {
        var result: ([IntakeStore.Plan], [String]) = ([], [])
        try TestDatabase.withDatabase(migrated: true) { database in
            try prepare(database.connection)
            let hooks = try hooksFor(database.connection)
            let plans = try IntakeStore(database.connection).store(batch: mailbox, policy: nil, actor: "t", now: now, hooks: hooks)
                .map(\.plan)
            result = (plans, try dump(database.connection))
        }
        return result
    }

    @Test func aBatchStoredInBulkIsTheSameAsOneMessageAtATime() throws {
        let (expectedPlans, expectedRows) = try Self.oneByOne(Self.mailbox())
        let (plans, rows) = try Self.batched(Self.mailbox())
        #expect(plans == expectedPlans)
        #expect(rows == expectedRows)
        #expect(expectedPlans[1] == .duplicate(of: .stored(messageRowID: 2)) && expectedPlans[2] == .duplicate(of: .stored(messageRowID: 2)))
        #expect(expectedPlans[8] == .reply(requestID: 1, reference: "DSAR-2026-000001"))
        guard case .triage(let reason, let suggested) = expectedPlans[9] else {
            Issue.record("a reference the desk does not hold: expected triage, got \(expectedPlans[9])")
            return
        }
        #expect(reason?.contains("DSAR-2026-009999") == true)
        #expect(suggested == [RightScore(right: .rectification, probability: 0.75), RightScore(right: .access, probability: 0.25)])
        #expect(rows.contains { $0.contains("|triage|") && $0.hasSuffix("|{rectification,access}|{0.75,0.25}") })
        if case .triage(_, let lowSuggested) = plans[10] {
            #expect(lowSuggested.first?.right == .erasure)
        } else {
            Issue.record("a classification below the threshold: expected triage, got \(plans[10])")
        }
    }

    @Test func aReplyToARequestOfTheSameBatchIsStillAReply() throws {
        // The bulk path steps aside; message by message in one transaction gives the same rows.
        let extra = [Self.message("see DSAR-2026-000002", id: "i@x", kinds: [.access], references: ["DSAR-2026-000002"])]
        let (expectedPlans, expectedRows) = try Self.oneByOne(Self.mailbox(extra))
        let (plans, rows) = try Self.batched(Self.mailbox(extra))
        #expect(plans == expectedPlans)
        #expect(rows == expectedRows)
        #expect(plans.last == .reply(requestID: 2, reference: "DSAR-2026-000002"))
    }

    @Test func hooksAndRefusedRightsGoMessageByMessage() throws {
        let hooks = IntakeStore.Hooks { _, _ in }
        let (expectedPlans, expectedRows) = try Self.oneByOne(Self.mailbox(), hooks: hooks)
        let (plans, rows) = try Self.batched(Self.mailbox(), hooks: hooks)
        #expect(plans == expectedPlans)
        #expect(rows == expectedRows)
    }

    /// The desk's acknowledgement hooks, with the letter settings set; `perMessage` counts the
    /// letters produced one request at a time.
    final class Acknowledging {
        var perMessage = 0

        func hooks(_ db: Connection) throws -> IntakeStore.Hooks {
            for (key, value) in [
                ("organisation.name", "Test Organisation"), ("organisation.address", "1 Test Street, Tashkent"),
                ("dpo.name", "Test DPO"), ("dpo.email", "dpo@example.uz"),
            ] {
                _ = try SettingsStore(db).set(key, to: value, actor: "t", now: IntakeBatchTests.now)
            }
            let desk = try IntakeAcknowledgements(db: db, actor: "t", now: IntakeBatchTests.now)
            #expect(desk.missingSettings.isEmpty)
            return IntakeStore.Hooks(
                onRequestCreated: { request, db in
                    self.perMessage += 1
                    try desk.hooks.onRequestCreated(request, db)
                },
                lettersForBatch: desk.hooks.lettersForBatch)
        }
    }

    @Test func acknowledgementsAreWrittenInBulkAsOneRequestAtATimeWouldWriteThem() throws {
        // Larger than the thread count twice over, so that the letters are rendered in parallel.
        let extra = (0..<20).map { Self.message("request \($0)", id: "x\($0)@x", kinds: $0 % 3 == 0 ? [.access, .erasure] : [.erasure]) }
        let single = Acknowledging()
        let (expectedPlans, expectedRows) = try Self.oneByOne(Self.mailbox(extra), hooksFor: single.hooks)
        let bulk = Acknowledging()
        let (plans, rows) = try Self.batched(Self.mailbox(extra), hooksFor: bulk.hooks)
        #expect(single.perMessage == 30)
        #expect(bulk.perMessage == 0, "the batch went message by message")
        #expect(plans == expectedPlans)
        #expect(rows == expectedRows)
        #expect(rows.filter { $0.contains("|acknowledgement|") }.count == 30)
        #expect(rows.filter { $0.contains("|letter_produced|") }.count == 30)
    }

    @Test func theDryRunPlansABatchAsItPlansEachMessage() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.prepare(database.connection)
            let store = IntakeStore(database.connection)
            let mailbox = Self.mailbox() + [Self.message("first", id: "new@x")]
            #expect(try store.facts(mailbox) == mailbox.map { try store.facts($0) })
        }
    }
}

/// The store as the importer uses it: with the one intake decision.
extension IntakeStore {
    func store(_ incoming: Incoming, policy: String?, actor: String, now: Date, hooks: Hooks = .none) throws -> Stored {
        try store(incoming, policy: policy, actor: actor, now: now, hooks: hooks, decide: IntakeDecider.decide)
    }

    func store(batch: [Incoming], policy: String?, actor: String, now: Date, hooks: Hooks = .none) throws -> [Stored] {
        try store(batch: batch, policy: policy, actor: actor, now: now, hooks: hooks, decide: IntakeDecider.decide)
    }
}
