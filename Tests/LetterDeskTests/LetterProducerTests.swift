import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import LetterDesk
import Letters
import Postgres
import Testing

/// Every letter in every language, produced for a stored request in the state it is written in,
/// recorded and verified against the real database (SPEC §6).
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct LetterProducerTests {
    static let received = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06
    static func at(_ days: Double) -> Date { received.addingTimeInterval(days * 86_400) }
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates")

    static let question = "QUESTION-MARKER: which account?"
    static let extensionReason = "EXTENSION-MARKER: three archives to search"
    static let note = "NOTE-MARKER: the reasons"
    static let recipient = "RECIPIENT-MARKER LLC"

    static func configure(_ db: Connection) throws {
        let settings = SettingsStore(db)
        for (key, value) in [
            ("organisation.name", "ORG-MARKER MChJ"), ("organisation.address", "ADDRESS-MARKER, Toshkent"),
            ("dpo.name", "DPO-MARKER"), ("dpo.email", "dpo@example.uz"), ("dpo.phone", "+998 71 200 00 00"),
        ] {
            try settings.set(key, to: value, actor: "test", now: received)
        }
    }

    static func create(_ db: Connection, _ right: Right, _ language: Language, policy: String = "uz") throws -> String {
        try RequestStore(db).create(
            NewRequest(kind: right, requesterName: "REQUESTER-MARKER", email: "requester@example.uz", language: language,
                       policy: policy, receivedAt: received),
            actor: "test", now: received
        ).reference
    }

    static func apply(_ db: Connection, _ action: LifecycleAction, _ reference: String, day: Double) throws {
        _ = try RequestStore(db).apply(action, to: reference, actor: "test", occurredAt: at(day), now: at(day))
    }

    static func record(_ db: Connection, _ evidence: Evidence, _ reference: String) throws {
        try RequestStore(db).record(evidence, on: reference, actor: "test", occurredAt: at(0.3), now: at(0.3))
    }

    static let sha = String(repeating: "ab", count: 32)

    /// Evidence that meets each right's gate, each line carrying a marker the letter must show.
    static func gateEvidence(_ right: Right) -> [Evidence] {
        switch right {
        case .access: return [.disclosure(Disclosure(path: "EVIDENCE-MARKER.pdf", sha256: sha))]
        case .rectification:
            return [.change(Change(field: "address", newValueSummary: "EVIDENCE-MARKER street")),
                    .recipient(RecipientNotification(recipient: "Bank", whatWasNotified: "new address"))]
        case .erasure:
            return [.erasure(ErasureJournalEntry(system: "EVIDENCE-MARKER CRM", dataCategories: ["contact"], method: "deleted",
                                                 performedBy: "IT", performedAt: at(0.2))), .noRecipients(note: nil)]
        case .restriction: return [.restriction(RestrictionScope(systems: ["EVIDENCE-MARKER CRM"]))]
        case .portability: return [.export(ExportArtefact(format: .json, path: "EVIDENCE-MARKER.json", sha256: sha))]
        case .objection: return [.decision(ObjectionDecision(outcome: .processingStopped, purposes: ["EVIDENCE-MARKER mailing"]))]
        }
    }

    /// A request in the state `kind` is written in, and the markers the letter must carry.
    static func request(for kind: LetterKind, language: Language, _ db: Connection) throws -> (String, [String]) {
        switch kind {
        case .acknowledgement:
            return (try create(db, .access, language), [])
        case .identityRequest:
            let ref = try create(db, .access, language)
            try apply(db, .event(.identityRequest), ref, day: 0.1)
            return (ref, [])
        case .clarificationRequest:
            let ref = try create(db, .access, language)
            try apply(db, .event(.start), ref, day: 0.1)
            try apply(db, .event(.clarify, note: question), ref, day: 0.2)
            return (ref, [question])
        case .extensionNotice:
            let ref = try create(db, .access, language, policy: "gdpr")
            try apply(db, .event(.start), ref, day: 0.1)
            try apply(db, .extend(Period(1, .months), reason: extensionReason), ref, day: 0.2)
            return (ref, [extensionReason])
        case .partiallyFulfilled:
            let ref = try create(db, .access, language)
            try apply(db, .event(.start), ref, day: 0.1)
            for evidence in gateEvidence(.access) { try record(db, evidence, ref) }
            try apply(db, .event(.closePartiallyFulfilled, ground: .exemptionOther, note: note), ref, day: 0.4)
            return (ref, [note])
        case .withdrawalConfirmation:
            let ref = try create(db, .erasure, language)
            try apply(db, .event(.withdraw), ref, day: 0.1)
            return (ref, [])
        case .restrictionLiftNotice:
            return (try fulfilled(.restriction, language, db), [])
        case .recipientNotification:
            return (try fulfilled(.erasure, language, db), [recipient, "EVIDENCE-MARKER"])
        case .statusReply:
            let ref = try create(db, .access, language)
            try apply(db, .event(.start), ref, day: 0.1)
            return (ref, [StatusText.text(.inProgress, language: language)])
        case .notConsidered:
            let ref = try create(db, .access, language, policy: "uz-state")
            try apply(db, .event(.start), ref, day: 0.1)
            try apply(db, .event(.closeRefused, ground: .exemptionOther, note: note), ref, day: 0.2)
            return (ref, [note])
        case .closureNoReply:
            let ref = try create(db, .access, language)
            try apply(db, .event(.start), ref, day: 0.1)
            try apply(db, .event(.clarify, note: question), ref, day: 0.2)
            try apply(db, .event(.closeRefused, ground: .exemptionOther, note: note), ref, day: 0.4)
            return (ref, [question, "30"])
        default:
            if let right = Right.allCases.first(where: { LetterKind.fulfilled($0) == kind }) {
                return (try fulfilled(right, language, db), ["EVIDENCE-MARKER"])
            }
            guard let ground = RefusalGround.allCases.first(where: { LetterKind.refusal(ground: $0) == kind }) else {
                throw StoreError(.unknownLetter, value: kind.rawValue)
            }
            // manifestly_unfounded and excessive exist under the GDPR only (issue 14 item 6).
            let ref = try create(db, .access, language, policy: RefusalGround.gdprOnly.contains(ground) ? "gdpr" : "uz")
            try apply(db, .event(.start), ref, day: 0.1)
            let retention = ground == .legalObligationToRetain
                ? RetentionObligation(law: "RETENTION-LAW-MARKER", period: "RETENTION-PERIOD-MARKER") : nil
            try apply(db, .event(.closeRefused, ground: ground, note: note, retention: retention), ref, day: 0.4)
            return (ref, retention == nil ? [note] : [note, "RETENTION-LAW-MARKER", "RETENTION-PERIOD-MARKER"])
        }
    }

    static func fulfilled(_ right: Right, _ language: Language, _ db: Connection) throws -> String {
        let ref = try create(db, right, language)
        try apply(db, .event(.start), ref, day: 0.1)
        for evidence in gateEvidence(right) { try record(db, evidence, ref) }
        try apply(db, .event(.closeFulfilled), ref, day: 0.4)
        return ref
    }

    @Test(arguments: Language.allCases)
    func everyLetterInEveryLanguage(language: Language) throws {
        let renderer = try LetterRenderer(templatesDirectory: Self.templates)
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            try Self.configure(db)
            for kind in LetterKind.allCases {
                let (reference, markers) = try Self.request(for: kind, language: language, db)
                let produced = try db.withTransaction { db in
                    try LetterProducer(db: db, renderer: renderer).produce(
                        kind, for: reference, format: .text, recipientName: kind.isToRecipient ? Self.recipient : nil,
                        actor: "kamola", now: Self.at(1))
                }
                let text = produced.content
                let id = "\(language.rawValue)/\(kind.rawValue)"
                #expect(!text.contains("{{") && !text.contains("}}"), "\(id) has a Mustache tag left")
                #expect(text.contains(reference), "\(id) lacks the reference")
                #expect(text.contains("DPO-MARKER"), "\(id) lacks the DPO")
                if !kind.isToRecipient {
                    #expect(text.contains("REQUESTER-MARKER"), "\(id) lacks the requester")
                    #expect(text.contains("ORG-MARKER"), "\(id) lacks the organisation")
                }
                for marker in markers { #expect(text.contains(marker), "\(id) lacks \(marker)") }
                #expect(produced.letter.language == language)
                #expect(produced.letter.kind == kind.rawValue)
                #expect(produced.letter.sha256 == SHA256.hex(produced.letter.body ?? ""))
                #expect(text.hasSuffix(LetterRenderer.footer(verificationCode: produced.letter.verificationCode, language: language) + "\n"))

                // The row and its audit event, which names the letter but carries no body.
                let events = try db.query(
                    """
                    SELECT payload FROM events
                    WHERE event = 'letter_produced' AND (payload::jsonb ->> 'letter_id')::bigint = \(produced.letter.id)
                    """)
                #expect(events.count == 1, "\(id) has no letter_produced event")
                let payload = try events.first?.decode(column: 0, as: String.self) ?? ""
                #expect(!payload.contains("REQUESTER-MARKER") && payload.contains(kind.rawValue))

                // Verification: the code finds the letter; the text checks out; a changed text does not.
                let store = LetterStore(db)
                #expect(try store.find(code: produced.letter.verificationCode.lowercased()).id == produced.letter.id)
                #expect(try store.verify(letterText: text) == .genuine(produced.letter))
                let forged = text.replacingOccurrences(of: reference, with: "DSAR-2026-999999")
                #expect(try store.verify(letterText: forged) == .altered(produced.letter), "\(id) forgery not detected")
            }
            #expect(try AuditLog(db).verify().firstBreak == nil)
        }
    }

    @Test func sameLetterTwiceGetsTwoCodes() throws {
        let renderer = try LetterRenderer(templatesDirectory: Self.templates)
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            try Self.configure(db)
            let ref = try Self.create(db, .access, .english)
            let producer = LetterProducer(db: db, renderer: renderer)
            let first = try producer.produceInTransaction(
                named: "acknowledgement", for: ref, language: nil, format: .text, recipientName: nil, actor: "a", now: Self.at(1))
            let second = try producer.produceInTransaction(
                named: "acknowledgement", for: ref, language: nil, format: .html, recipientName: nil, actor: "a", now: Self.at(1))
            #expect(first.letter.sha256 == second.letter.sha256)
            #expect(first.letter.verificationCode != second.letter.verificationCode)
            #expect(try LetterStore(db).find(code: second.letter.verificationCode).format == "html")
        }
    }

    @Test func lettersThatDoNotFitAreRefusedAndNothingIsWritten() throws {
        let renderer = try LetterRenderer(templatesDirectory: Self.templates)
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let ref = try Self.create(db, .access, .russian)
            let producer = LetterProducer(db: db, renderer: renderer)
            func attempt(_ name: String, format: LetterFormat = .text) -> StoreError? {
                do {
                    _ = try producer.produceInTransaction(
                        named: name, for: ref, language: nil, format: format, recipientName: nil, actor: "a", now: Self.at(1))
                    return nil
                } catch let error as StoreError {
                    return error
                } catch {
                    return StoreError(.letterNotRendered, detail: "\(error)")
                }
            }
            guard let missing = attempt("acknowledgement"), missing.code == .letterSettingsMissing else {
                Issue.record("missing settings were not reported")
                return
            }
            #expect(missing.detail?.contains("organisation.name") == true)
            try Self.configure(db)
            #expect(attempt("fulfilled")?.category == .refused)
            #expect(attempt("clarification_request")?.category == .refused)
            #expect(attempt("extension_notice")?.category == .refused)
            #expect(attempt("recipient_notification")?.category == .refused)
            #expect(attempt("thank_you")?.code == .unknownLetter)
            #expect(try db.query("SELECT 1 FROM letters").count == 0)
            #expect(attempt("acknowledgement") == nil)
            #expect(try db.query("SELECT 1 FROM letters").count == 1)
        }
    }
}
