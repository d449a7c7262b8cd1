import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The request lifecycle persisted: transitions, gates, deadlines, concurrency and the audit log,
/// against the real database.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct LifecycleStoreTests {
    static let received = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06
    static func at(_ days: Double) -> Date { received.addingTimeInterval(days * 86_400) }

    static func create(_ db: Connection, _ kind: Right, policy: String = "uz", directMarketing: Bool = false) throws -> StoredRequest {
        try RequestStore(db).create(
            NewRequest(kind: kind, requesterName: "Dilnoza Karimova", email: "d@example.uz", policy: policy,
                       directMarketing: directMarketing, receivedAt: received),
            actor: "test", now: received)
    }

    @discardableResult
    static func apply(_ db: Connection, _ action: LifecycleAction, _ reference: String, day: Double = 0.1) throws -> StoredRequest {
        try RequestStore(db).apply(action, to: reference, actor: "test", occurredAt: at(day), now: at(day)).request
    }

    /// The evidence that satisfies each right's gate.
    static func gateEvidence(_ right: Right) -> [Evidence] {
        switch right {
        case .access: return [.noDataHeld(note: nil)]
        case .rectification: return [.change(Change(field: "address", newValueSummary: "new street")), .noRecipients(note: nil)]
        case .erasure:
            return [.erasure(ErasureJournalEntry(system: "CRM", dataCategories: ["contact"], method: "deleted",
                                                 performedBy: "IT", performedAt: at(0.05))), .noRecipients(note: nil)]
        case .restriction: return [.restriction(RestrictionScope(systems: ["CRM"]))]
        case .portability: return [.export(ExportArtefact(format: .json, path: "x.json", sha256: String(repeating: "a", count: 64)))]
        case .objection: return [.decision(ObjectionDecision(outcome: .processingStopped, purposes: ["marketing"]))]
        }
    }

    /// Drives a fresh request of `right` into `state` through allowed events.
    static func request(in state: RequestState, right: Right, _ db: Connection) throws -> StoredRequest {
        let request = try create(db, right)
        let ref = request.reference
        switch state {
        case .received: return request
        case .awaitingIdentity: return try apply(db, .event(.identityRequest), ref)
        case .inProgress: return try apply(db, .event(.start), ref)
        case .awaitingRequester:
            try apply(db, .event(.start), ref)
            return try apply(db, .event(.clarify, note: "Which account?"), ref)
        case .fulfilled, .lifted:
            try apply(db, .event(.start), ref)
            for evidence in gateEvidence(right) {
                try RequestStore(db).record(evidence, on: ref, actor: "test", occurredAt: at(0.2), now: at(0.2))
            }
            let fulfilled = try apply(db, .event(.closeFulfilled), ref, day: 0.3)
            if state == .fulfilled { return fulfilled }
            try insertLiftNotice(db, fulfilled.id)
            return try apply(db, .event(.lift), ref, day: 0.4)
        case .partiallyFulfilled:
            try apply(db, .event(.start), ref)
            for evidence in gateEvidence(right) {
                try RequestStore(db).record(evidence, on: ref, actor: "test", occurredAt: at(0.2), now: at(0.2))
            }
            return try apply(db, .event(.closePartiallyFulfilled, ground: .legalObligationToRetain, note: "Invoices are kept",
                                        retention: RetentionObligation(law: "Tax Code art. 88", period: "5 years")), ref, day: 0.3)
        case .refused:
            try apply(db, .event(.start), ref)
            return try apply(db, .event(.closeRefused, ground: .exemptionOther, note: "Court order 12/2026"), ref)
        case .withdrawn:
            return try apply(db, .event(.withdraw), ref)
        }
    }

    static func insertLiftNotice(_ db: Connection, _ requestID: Int64) throws {
        try db.execute(
            """
            INSERT INTO letters (request_id, kind, language, format, sha256, verification_code, body, produced_at, produced_by)
            VALUES (\(requestID), 'restriction_lift_notice', 'uz', 'text', \(String(repeating: "b", count: 64)),
                    \("TEST-\(requestID)"), 'notice', \(at(0.35)), 'test')
            """)
    }

    @Test("every allowed transition of the table is accepted by the store",
          arguments: TransitionTable.all)
    func allowedTransition(_ transition: Transition) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let right = transition.onlyFor ?? .access
            let request = try Self.request(in: transition.from, right: right, db)
            if transition.event == .lift { try Self.insertLiftNotice(db, request.id) }
            if transition.event == .closeFulfilled || transition.event == .closePartiallyFulfilled {
                for evidence in Self.gateEvidence(right) {
                    try RequestStore(db).record(evidence, on: request.reference, actor: "test", occurredAt: Self.at(0.2), now: Self.at(0.2))
                }
            }
            let closing = transition.event == .closeRefused || transition.event == .closePartiallyFulfilled
            let after = try Self.apply(
                db, .event(transition.event, ground: closing ? .exemptionOther : nil, note: closing ? "Court order 12/2026" : nil),
                request.reference, day: 0.5)
            #expect(after.state == transition.to)
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    @Test("from every state, an event outside the table is refused and nothing changes",
          arguments: RequestState.allCases)
    func forbiddenTransition(_ state: RequestState) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try Self.request(in: state, right: .restriction, db)
            let forbidden = LifecycleEvent.allCases.first {
                TransitionTable.target(from: state, event: $0, right: .restriction) == nil
            }
            let event = try #require(forbidden)
            #expect(throws: StoreError.self) { try Self.apply(db, .event(event, ground: .excessive), request.reference, day: 0.6) }
            let after = try RequestStore(db).find(request.reference)
            #expect(after.state == state)
            #expect(after.version == request.version)
        }
    }

    @Test("closing as fulfilled is refused without the right's evidence and accepted with it",
          arguments: Right.allCases)
    func gates(_ right: Right) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try Self.request(in: .inProgress, right: right, db)
            do {
                try Self.apply(db, .event(.closeFulfilled), request.reference)
                Issue.record("closing without evidence was accepted")
            } catch let error as StoreError {
                guard error.category == .refused else { Issue.record("expected refused, got \(error)"); return }
            }
            for evidence in Self.gateEvidence(right) {
                try RequestStore(db).record(evidence, on: request.reference, actor: "test", occurredAt: Self.at(0.2), now: Self.at(0.2))
            }
            #expect(try Self.apply(db, .event(.closeFulfilled), request.reference, day: 0.3).state == .fulfilled)
        }
    }

    @Test func directMarketingObjectionCannotBeOverridden() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try Self.create(db, .objection, directMarketing: true)
            try Self.apply(db, .event(.start), request.reference)
            #expect(throws: StoreError.self) {
                try RequestStore(db).record(
                    .decision(ObjectionDecision(outcome: .overridden, grounds: "legitimate interest")),
                    on: request.reference, actor: "test", occurredAt: Self.at(0.2), now: Self.at(0.2))
            }
            let count = try db.query("SELECT count(*) FROM evidence").first?.decode(column: 0, as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("a clarification pause pushes the due date by the whole days paused (uz access: 2026-11-17)")
    func pausePushesDueDate() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let store = RequestStore(db)
            let zone = try #require(TimeZone(identifier: "Asia/Tashkent"))
            func local(_ text: String) throws -> Date { try #require(LocalDate(iso: text)).startInstant(in: zone).addingTimeInterval(9 * 3600) }
            let request = try store.create(
                NewRequest(kind: .access, requesterName: "A", email: "a@example.uz", policy: "uz", receivedAt: try local("2026-11-02")),
                actor: "test", now: try local("2026-11-02"))
            #expect(request.dueOn.iso == "2026-11-12")
            _ = try store.apply(.event(.start), to: request.reference, actor: "t", occurredAt: try local("2026-11-03"), now: try local("2026-11-03"))
            let paused = try store.apply(.event(.clarify, note: "?"), to: request.reference, actor: "t", occurredAt: try local("2026-11-04"), now: try local("2026-11-04"))
            #expect(paused.request.isPaused)
            let resumed = try store.apply(.event(.resume), to: request.reference, actor: "t", occurredAt: try local("2026-11-09"), now: try local("2026-11-09"))
            #expect(resumed.request.dueOn.iso == "2026-11-17")
            #expect(!resumed.request.isPaused)
        }
    }

    /// A change returns the request as it is now stored (built from the row it read and what it
    /// wrote, the instants as the database rounded them), field for field what a fresh read gives.
    @Test("claim, every step and an extension return the request exactly as a fresh read finds it")
    func changesReturnTheStoredRequest() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let store = RequestStore(db)
            let request = try Self.create(db, .access, policy: "gdpr")
            // Sub-microsecond instants: the database keeps microseconds, so the request returned
            // must carry the stored values, not the caller's.
            func at(_ days: Double) -> Date { Self.at(days).addingTimeInterval(0.000_000_4) }
            let claimed = try #require(try QueueQuery(db).claim(kind: nil, actor: "aziza", now: at(0.05)))
            #expect(claimed.request == (try store.find(request.reference)))
            let steps: [(LifecycleAction, Double)] = [
                (.event(.start), 0.1), (.event(.clarify, note: "Which account?"), 0.2), (.event(.resume), 2.3),
                (.extend(Period(1, .months), reason: "many systems"), 2.4), (.event(.closeRefused, ground: .exemptionOther, note: "x"), 3.5),
            ]
            for (action, day) in steps {
                let applied = try store.apply(action, to: request.reference, actor: "aziza", occurredAt: at(day), now: at(day))
                #expect(applied.request == (try store.find(request.reference)), "after \(action)")
            }
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    @Test("GDPR extension: +2 months accepted, beyond the cap or after the due date refused")
    func extensions() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let store = RequestStore(db)
            let zone = try #require(TimeZone(identifier: "Asia/Tashkent"))
            let receivedAt = try #require(LocalDate(iso: "2026-03-05")).startInstant(in: zone).addingTimeInterval(9 * 3600)
            let request = try store.create(
                NewRequest(kind: .access, requesterName: "A", email: "a@example.uz", policy: "gdpr", receivedAt: receivedAt),
                actor: "test", now: receivedAt)
            #expect(request.dueOn.iso == "2026-04-06")
            let day = receivedAt.addingTimeInterval(86_400)
            #expect(throws: StoreError.self) {
                try store.apply(.extend(Period(3, .months), reason: "too much"), to: request.reference, actor: "t", occurredAt: day, now: day)
            }
            let extended = try store.apply(.extend(Period(2, .months), reason: "complex"), to: request.reference, actor: "t", occurredAt: day, now: day)
            #expect(extended.request.dueOn.iso == "2026-06-05")
            #expect(extended.request.originalDueOn.iso == "2026-04-06")

            let other = try store.create(
                NewRequest(kind: .access, requesterName: "B", email: "b@example.uz", policy: "gdpr", receivedAt: receivedAt),
                actor: "test", now: receivedAt)
            let late = receivedAt.addingTimeInterval(40 * 86_400)
            #expect(throws: StoreError.self) {
                try store.apply(.extend(Period(1, .months), reason: "late"), to: other.reference, actor: "t", occurredAt: late, now: late)
            }
        }
    }

    @Test("a stale write is refused naming who changed the request; the chain stays valid")
    func optimisticConcurrency() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try Self.create(db, .access)
            let other = try database.connect()
            try other.executeScript("BEGIN")
            try other.execute("UPDATE requests SET assignee = 'bob', version = version + 1, updated_by = 'bob' WHERE id = \(request.id)")
            let outcome = LockedBox<Result<StoredRequest, any Error>?>(nil)
            let url = database.url
            let thread = Thread {
                let result = Result { () throws -> StoredRequest in
                    let connection = try Connection(url)
                    return try RequestStore(connection).apply(
                        .event(.start), to: request.reference, actor: "alice", occurredAt: Self.at(0.1), now: Self.at(0.1)
                    ).request
                }
                outcome.set(result)
            }
            thread.start()
            Thread.sleep(forTimeInterval: 0.5)
            try other.executeScript("COMMIT")
            while outcome.get() == nil { Thread.sleep(forTimeInterval: 0.02) }
            guard case .failure(let failure) = outcome.get(), let error = failure as? StoreError, error.code == .staleWrite else {
                Issue.record("expected a concurrent change, got \(String(describing: outcome.get()))")
                return
            }
            #expect(error.actor == "bob")
            #expect(error.reference == request.reference)
            #expect(try RequestStore(db).find(request.reference).state == .received)
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    @Test func databaseRefusesStateChangesOutsideTheTableAndEditsOfTheAuditLog() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try Self.create(db, .access)
            #expect(throws: PostgresError.self) {
                try db.execute("UPDATE requests SET state = 'fulfilled', closed_at = now() WHERE id = \(request.id)")
            }
            #expect(throws: PostgresError.self) { try db.execute("UPDATE events SET actor = 'mallory'") }
            #expect(throws: PostgresError.self) { try db.execute("DELETE FROM events") }
            #expect(try RequestStore(db).find(request.reference).state == .received)
        }
    }

    @Test("audit verify names the first edited, deleted or reordered row")
    func tamperIsDetected() throws {
        for tamper in ["UPDATE events SET actor = 'mallory' WHERE seq = 3",
                       "DELETE FROM events WHERE seq = 3",
                       "UPDATE events SET seq = seq + 1000 WHERE seq = 2"] {
            try TestDatabase.withDatabase(migrated: true) { database in
                let db = database.connection
                let request = try Self.create(db, .access)
                try Self.apply(db, .event(.start), request.reference)
                try Self.apply(db, .event(.clarify, note: "?"), request.reference, day: 0.2)
                try Self.apply(db, .event(.resume), request.reference, day: 0.3)
                #expect(try AuditLog(db).verify().firstBreak == nil)
                try db.executeScript("ALTER TABLE events DISABLE TRIGGER events_no_update")
                try db.executeScript(tamper)
                try db.executeScript("ALTER TABLE events ENABLE TRIGGER events_no_update")
                let result = try AuditLog(db).verify()
                let broken = try #require(result.firstBreak, "not caught: \(tamper)")
                #expect(broken.sequence == 3 || broken.sequence == 4 || broken.sequence == 1002, "\(tamper): \(broken)")
            }
        }
    }
}

/// A value shared with a thread, behind a lock.
final class LockedBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ newValue: T) { lock.lock(); value = newValue; lock.unlock() }
}
