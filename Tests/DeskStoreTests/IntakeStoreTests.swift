import DeskCore
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
            #expect(sameBytes.plan == .duplicate(messageRowID: first.messageRowID))
            let sameID = try store.store(Self.incoming("other bytes", messageID: "m1@x"), policy: nil, actor: "t", now: now)
            #expect(sameID.plan == .duplicate(messageRowID: first.messageRowID))
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
                hooks: .none)
            #expect(second.plan == .duplicate(messageRowID: first.messageRowID))
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
            #expect(try store.store(huge, policy: nil, actor: "t", now: now).plan == .duplicate(messageRowID: first.messageRowID))
        }
    }

    @Test func aRequestThePolicyRefusesWaitsInTheInbox() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try database.connection.execute("DELETE FROM policy_rules WHERE policy = 'uz' AND kind = 'portability'")
            let stored = try IntakeStore(database.connection).store(
                Self.incoming("export", messageID: "m4@x", kinds: [.portability]), policy: "uz", actor: "t",
                now: Date(timeIntervalSince1970: 1_775_000_000))
            guard case .triage(let reason) = stored.plan else { Issue.record("expected triage, got \(stored.plan)"); return }
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
