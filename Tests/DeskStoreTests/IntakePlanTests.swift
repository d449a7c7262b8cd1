import DeskCore
import DeskIntake
import DeskTestSupport
import Foundation
import MailIntake
import Postgres
import Testing
@testable import DeskStore

/// The intake plan in the store's terms (`IntakeDecider.plan`): a duplicate names its original as a
/// stored row or as an earlier message of the batch, a reply names its request where the desk was
/// read and none where it was not. No made-up row id anywhere.
@Suite struct IntakePlanTests {
    static func message(_ body: String, references: [String] = [], kinds: [Right] = [.access]) -> IntakeStore.Incoming {
        let raw = Array("Subject: plan\n\n\(body)\n".utf8)
        return IntakeStore.Incoming(
            sha256: SHA256.hex(raw), messageID: nil, raw: raw, sizeBytes: UInt64(raw.count), source: "plan.eml",
            fromName: "Ali Valiyev", fromEmail: "ali@example.uz", subject: "plan", language: .uzbekLatin,
            references: references, kinds: kinds)
    }

    @Test func aDuplicateOfAStoredMessageNamesItsRow() {
        let plan = IntakeDecider.decide(Self.message("again"), IntakeStore.Facts(duplicateOf: .stored(messageRowID: 7)))
        #expect(plan == .duplicate(of: .stored(messageRowID: 7)))
    }

    @Test func aRepeatWithinTheBatchNamesNoRow() {
        let plan = IntakeDecider.decide(Self.message("again"), IntakeStore.Facts(duplicateOf: .earlierInBatch))
        #expect(plan == .duplicate(of: .earlierInBatch))
    }

    @Test func aReplyNamesTheRequestTheDeskHolds() {
        let incoming = Self.message("about DSAR-2026-000005", references: ["DSAR-2026-000005"])
        let held = IntakeDecider.decide(incoming, IntakeStore.Facts(heldReferences: ["DSAR-2026-000005": 5]))
        #expect(held == .reply(requestID: 5, reference: "DSAR-2026-000005"))
        // A letter the message answers leads, with its own request.
        let threaded = IntakeDecider.decide(
            incoming,
            IntakeStore.Facts(
                thread: IntakeStore.RequestLink(id: 9, reference: "DSAR-2026-000009"), heldReferences: ["DSAR-2026-000005": 5]))
        #expect(threaded == .reply(requestID: 9, reference: "DSAR-2026-000009"))
    }

    @Test func aReferenceTheDeskDoesNotHoldIsNoReply() {
        let plan = IntakeDecider.decide(Self.message("about DSAR-2026-000005", references: ["DSAR-2026-000005"]), IntakeStore.Facts())
        guard case .triage(let reason, _) = plan else {
            Issue.record("expected triage, got \(plan)")
            return
        }
        #expect(reason?.contains("DSAR-2026-000005") == true)
    }

    /// Offline (the desk not read): a reply names its reference but no request, a repeat is one
    /// of the run.
    @Test func withoutTheDeskAReplyNamesNoRequest() {
        let incoming = Self.message("about DSAR-2026-000005", references: ["DSAR-2026-000005"])
        let reply = IntakeDecision.decide(IntakeDecider.evidence(incoming), knowing: .nothing)
        #expect(IntakeDecider.plan(reply, facts: IntakeStore.Facts()) == .reply(requestID: nil, reference: "DSAR-2026-000005"))
        let repeated = IntakeDecision.decide(
            IntakeDecider.evidence(incoming), knowing: IntakeKnowledge(isDuplicate: true, heldReferences: nil))
        #expect(IntakeDecider.plan(repeated, facts: IntakeStore.Facts(duplicateOf: .earlierInBatch)) == .duplicate(of: .earlierInBatch))
    }

    @Test func newAndUnsureMessagesCarryTheirRights() {
        #expect(IntakeDecider.decide(Self.message("access and erasure", kinds: [.access, .erasure]), IntakeStore.Facts())
            == .create([.access, .erasure]))
        guard case .triage(let reason, _) = IntakeDecider.decide(Self.message("nothing", kinds: []), IntakeStore.Facts()) else {
            Issue.record("a message without a right goes to triage")
            return
        }
        #expect(reason?.hasPrefix("No right recognised in the message") == true)
    }
}

/// The store writes only plans whose targets are rows: a plan made without the desk (a reply
/// without its request, a repeat of a message not stored) is refused and nothing is written.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct IntakePlanStoreTests {
    static let now = Date(timeIntervalSince1970: 1_775_000_000)

    @Test(arguments: [
        IntakeStore.Plan.duplicate(of: .earlierInBatch), .reply(requestID: nil, reference: "DSAR-2026-000001"),
    ])
    func aPlanWithoutItsRowIsRefused(plan: IntakeStore.Plan) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let store = IntakeStore(database.connection)
            var code: StoreError.Code?
            do {
                let stored = try store.store(
                    IntakePlanTests.message("offline plan"), decided: plan, policy: nil, actor: "t", now: Self.now, hooks: .none,
                    decide: IntakeDecider.decide)
                Issue.record("stored as \(stored.plan)")
            } catch let error as StoreError {
                code = error.code
            }
            #expect(code == .intakeLostTrack)
            #expect(try database.connection.query("SELECT count(*)::bigint FROM messages").first?.decode(column: 0, as: Int.self) == 0)
            #expect(try database.connection.query("SELECT count(*)::bigint FROM events").first?.decode(column: 0, as: Int.self) == 0)
        }
    }

    /// The dry run against the desk: a message stored before is a duplicate of its row, a repeat
    /// within the run is a duplicate too, a reference the desk holds is a reply with its request;
    /// nothing is written.
    @Test func theDryRunPlansAgainstWhatTheDeskHolds() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let store = IntakeStore(database.connection)
            let stored = try store.store(IntakePlanTests.message("first"), policy: nil, actor: "t", now: Self.now)
            guard let request = stored.requests.first else {
                Issue.record("expected a request, got \(stored.plan)")
                return
            }
            let batch = [
                IntakePlanTests.message("first"), IntakePlanTests.message("second"), IntakePlanTests.message("second"),
                IntakePlanTests.message("about \(request.reference)", references: [request.reference]),
            ]
            let facts = try store.facts(batch)
            #expect(facts[0].duplicateOf == .stored(messageRowID: stored.messageRowID))
            // The batch's own messages are not stored: the caller marks its repeats.
            #expect(facts[2].duplicateOf == nil)
            var marked = facts
            marked[2].duplicateOf = .earlierInBatch
            let plans = zip(batch, marked).map(IntakeDecider.decide)
            #expect(plans == [
                .duplicate(of: .stored(messageRowID: stored.messageRowID)), .create([.access]), .duplicate(of: .earlierInBatch),
                .reply(requestID: request.id, reference: request.reference),
            ])
            #expect(try database.connection.query("SELECT count(*)::bigint FROM messages").first?.decode(column: 0, as: Int.self) == 1)
        }
    }
}
