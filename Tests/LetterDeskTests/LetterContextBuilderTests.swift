import DeskCore
@testable import DeskStore
import Foundation
@testable import LetterDesk
import Letters
import Testing

/// Building a letter's context from stored facts, without a database.
@Suite struct LetterContextBuilderTests {
    static let settings = [
        "organisation.name": "Raqamli Xizmatlar MChJ", "organisation.address": "Toshkent",
        "dpo.name": "Kamola Rasulova", "dpo.email": "dpo@raqamli.uz",
    ]

    static func entry(_ code: String, authority: String) throws -> PolicyCatalog.Entry {
        let policy = try #require(DeadlinePolicy.named(code))
        return PolicyCatalog.Entry(policy: policy, calendar: WorkingCalendar.uz, authority: authority, isDefault: code == "uz")
    }

    static func request(extendedBy: Period? = nil) -> StoredRequest {
        let received = Date(timeIntervalSince1970: 1_794_000_000 - 4 * 3600)  // 2026-11-05 23:00 UTC = 11-06 04:00 Tashkent
        return StoredRequest(
            id: 1, reference: "DSAR-2026-000123", caseID: 1, kind: .access, state: .inProgress, policy: "uz",
            requester: .init(id: 1, name: "Dilnoza", email: "d@example.uz", phone: nil, language: .russian),
            channel: .email, details: nil, directMarketing: false, consentWithdrawal: false, messageID: nil,
            receivedAt: received, dueOn: LocalDate(year: 2026, month: 12, day: 16) ?? LocalDate(daysSinceEpoch: 0),
            originalDueOn: LocalDate(year: 2026, month: 11, day: 16) ?? LocalDate(daysSinceEpoch: 0),
            extendedBy: extendedBy, pausedSince: nil, closedAt: nil, ground: nil, closeNote: nil, assignee: nil, version: 1,
            updatedAt: received, updatedBy: "test")
    }

    @Test func datesAreLocalAndTheExtensionIsShownApart() throws {
        let facts = LetterFacts(
            request: Self.request(extendedBy: Period(1, .months)), policy: try Self.entry("uz", authority: "x"),
            settings: Self.settings, extensionReason: "archives")
        let context = try LetterContextBuilder.context(
            for: .extensionNotice, language: .english, facts: facts, today: LocalDate(year: 2026, month: 11, day: 10) ?? LocalDate(daysSinceEpoch: 0))
        #expect(context.receivedDate == "2026-11-06")
        #expect(context.dueDate == "2026-11-16")
        #expect(context.extendedDueDate == "2026-12-16")
        #expect(context.legalSource == "ZRU-547 art. 30")
    }

    @Test(arguments: Language.allCases)
    func uzbekAuthorityIsWrittenInTheLettersLanguage(language: Language) throws {
        let entry = try Self.entry("uz", authority: AuthorityName.uzbekistan(.english))
        #expect(LetterContextBuilder.authority(language: language, policy: entry, settings: [:]) == AuthorityName.uzbekistan(language))
        let override = [SettingsStore.authorityKey(language): "OVERRIDE"]
        #expect(LetterContextBuilder.authority(language: language, policy: entry, settings: override) == "OVERRIDE")
        let gdpr = try Self.entry("gdpr", authority: "the EU authority")
        #expect(LetterContextBuilder.authority(language: language, policy: gdpr, settings: [:]) == "the EU authority")
        let perPolicy = [SettingsStore.authorityKey(language, policy: "gdpr"): "GDPR-OVERRIDE", SettingsStore.authorityKey(language): "OVERRIDE"]
        #expect(LetterContextBuilder.authority(language: language, policy: gdpr, settings: perPolicy) == "GDPR-OVERRIDE")
        #expect(LetterContextBuilder.authority(language: language, policy: entry, settings: perPolicy) == "OVERRIDE")
    }

    @Test func evidenceBecomesOneLineEach() throws {
        var context = LetterContext(
            requesterName: "", requesterEmail: "", reference: "", right: .objection, receivedDate: "", dueDate: "",
            policyName: "", legalSource: "", authorityName: "", today: "", organisationName: "", organisationAddress: "",
            dpoName: "", dpoEmail: "")
        let sha = String(repeating: "0", count: 64)
        LetterContextBuilder.add([
            .disclosure(Disclosure(path: "export.pdf", sha256: sha)),
            .change(Change(field: "surname", newValueSummary: "corrected spelling")),
            .export(ExportArtefact(format: .csv, path: "data.csv", sha256: sha)),
            .decision(ObjectionDecision(outcome: .overridden, grounds: "fraud prevention")),
            .recipient(RecipientNotification(recipient: "Bank", whatWasNotified: "new surname")),
            .noRecipients(note: nil),
        ], timeZone: TimeZone(identifier: "Asia/Tashkent") ?? .current, to: &context)
        #expect(context.disclosures == ["export.pdf (SHA-256 \(sha))"])
        #expect(context.changes == ["surname: corrected spelling"])
        #expect(context.exports == ["CSV data.csv (SHA-256 \(sha))"])
        #expect(context.objectionOverridden && context.refusalNote == "fraud prevention")
        #expect(context.notifiedRecipients == ["Bank"])
    }

    @Test func missingSettingsAreNamedInOneSentence() throws {
        let facts = LetterFacts(request: Self.request(), policy: try Self.entry("uz", authority: "x"), settings: ["dpo.name": "K"])
        do {
            _ = try LetterContextBuilder.context(for: .acknowledgement, language: .uzbekLatin, facts: facts, today: LocalDate(daysSinceEpoch: 0))
            Issue.record("a letter without the organisation's details was built")
        } catch let error as StoreError {
            #expect(error.code == .letterSettingsMissing)
            let missing = (error.detail ?? "").split(separator: ",").map(String.init)
            #expect(missing.contains("organisation.name"))
            #expect(missing.contains("dpo.email"))
            #expect(!missing.contains("dpo.name"))
        }
    }

    @Test func settingKeysAreCheckedBeforeAnythingIsWritten() throws {
        #expect(throws: StoreError.self) { try SettingsStore.key("organisaton.name") }
        #expect(throws: StoreError.self) { try SettingsStore.checkValue("not-an-email", for: try SettingsStore.key("dpo.email")) }
        #expect(throws: StoreError.self) { try SettingsStore.checkValue("Mars/Olympus", for: try SettingsStore.key("desk.time_zone")) }
        #expect(throws: StoreError.self) { try SettingsStore.checkValue("x\u{7}", for: try SettingsStore.key("organisation.name")) }
        try SettingsStore.checkValue("Line 1\nLine 2", for: try SettingsStore.key("organisation.address"))
        try SettingsStore.checkValue("raqamli.uz", for: try SettingsStore.key("mail.domain"))
        #expect(SettingsStore.authorityKey(.uzbekCyrillic) == "authority.uz_cyrl")
        #expect(SettingsStore.authorityKey(.russian, policy: "uz-state") == "authority.uz_state.ru")
        #expect(try SettingsStore.key("authority.uz_state.uz_cyrl").name == "authority.uz_state.uz_cyrl")
        #expect(throws: StoreError.self) { try SettingsStore.key("authority.ru.fr") }
        #expect(throws: StoreError.self) { try SettingsStore.key("authority.RU.ru") }
    }
}
