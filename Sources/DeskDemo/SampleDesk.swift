import DeskCore
import DeskStore
public import Foundation
public import Postgres

/// The small realistic sample `dsar demo` loads, built through the real lifecycle so every
/// request has its audit trail: all six rights, the four languages, every state, some overdue,
/// extended and paused requests.
public struct SampleDesk {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// One sample request and the steps it goes through, days relative to now.
    struct Script {
        let kind: Right
        let name: String
        let email: String
        let language: Language
        let policy: String
        let channel: Channel
        let daysAgo: Double
        var directMarketing = false
        var consentWithdrawal = false
        let steps: [(daysAgo: Double, step: Step)]
    }

    enum Step {
        case action(LifecycleAction)
        case evidence(Evidence)
        case assign(String)
    }

    static let settings: [(String, String)] = [
        ("organisation.name", "Raqamli Xizmatlar MChJ"),
        ("organisation.address", "Toshkent sh., Mirzo Ulugʻbek tumani, Buyuk Ipak Yoʻli koʻchasi, 100-uy"),
        ("dpo.name", "Kamola Rasulova"),
        ("dpo.email", "dpo@raqamli.example.uz"),
        ("dpo.phone", "+998 71 200 00 00"),
        ("mail.domain", "raqamli.example.uz"),
        ("authority.ru.ru", "Роскомнадзор (Федеральная служба по надзору в сфере связи, информационных технологий и массовых коммуникаций)"),
    ]

    static func scripts(now: Date) -> [Script] {
        let erasure = Evidence.erasure(ErasureJournalEntry(
            system: "CRM", dataCategories: ["contact details", "order history"], method: "deleted, backups expire in 30 days",
            performedBy: "IT: Bekzod", performedAt: now.addingTimeInterval(-20 * 86_400), approvedBy: "Kamola Rasulova"))
        return [
            Script(kind: .access, name: "Dilnoza Karimova", email: "dilnoza.karimova@example.uz", language: .uzbekLatin,
                   policy: "uz", channel: .email, daysAgo: 3, steps: [(2.9, .action(.event(.start))), (2.8, .assign("kamola"))]),
            Script(kind: .erasure, name: "Шоҳрух Раҳимов", email: "shohrux@example.uz", language: .uzbekCyrillic,
                   policy: "uz", channel: .email, daysAgo: 15, steps: [(14, .action(.event(.start)))]),
            Script(kind: .rectification, name: "Анна Смирнова", email: "anna.smirnova@example.ru", language: .russian,
                   policy: "ru", channel: .webForm, daysAgo: 2, steps: []),
            Script(kind: .portability, name: "John O'Brien", email: "john.obrien@example.com", language: .english,
                   policy: "gdpr", channel: .email, daysAgo: 40,
                   steps: [(39, .action(.event(.start))), (20, .action(.extend(Period(1, .months), reason: "The export spans five systems and archived records."))),
                           (19, .assign("aziz"))]),
            Script(kind: .restriction, name: "Gulnora Yusupova", email: "gulnora@example.uz", language: .uzbekLatin,
                   policy: "uz", channel: .paper, daysAgo: 20,
                   steps: [(19, .action(.event(.start))),
                           (17, .evidence(.restriction(RestrictionScope(systems: ["Marketing CRM"], purposes: ["profiling"])))),
                           (16, .action(.event(.closeFulfilled)))]),
            Script(kind: .objection, name: "Bekzod Tursunov", email: "bekzod.t@example.uz", language: .uzbekLatin,
                   policy: "uz", channel: .email, daysAgo: 5, directMarketing: true,
                   steps: [(4.5, .action(.event(.identityRequest)))]),
            Script(kind: .access, name: "Игорь Петров", email: "igor.petrov@example.ru", language: .russian,
                   policy: "ru", channel: .email, daysAgo: 6,
                   steps: [(5.5, .action(.event(.start))), (4, .action(.event(.clarify, note: "Уточните, пожалуйста, номер договора.")))]),
            Script(kind: .erasure, name: "Madina Alimova", email: "madina.alimova@example.uz", language: .uzbekLatin,
                   policy: "uz-state", channel: .inPerson, daysAgo: 30,
                   steps: [(29, .action(.event(.identityVerified))), (21, .evidence(erasure)),
                           (21, .evidence(.noRecipients(note: nil))), (20, .action(.event(.closeFulfilled)))]),
            Script(kind: .objection, name: "Emily Clarke", email: "emily.clarke@example.co.uk", language: .english,
                   policy: "gdpr", channel: .email, daysAgo: 10, consentWithdrawal: true,
                   steps: [(9, .action(.event(.start))),
                           (8, .evidence(.decision(ObjectionDecision(outcome: .processingStopped, purposes: ["newsletter"])))),
                           // Consent withdrawn: the data is destroyed, not only no longer used (ZRU-547 art. 17).
                           (8, .evidence(.erasure(ErasureJournalEntry(
                               system: "Mailing list", dataCategories: ["e-mail address", "newsletter history"],
                               method: "deleted from the mailing-list service", performedBy: "Marketing: Aziz",
                               performedAt: now.addingTimeInterval(-8 * 86_400), approvedBy: "Kamola Rasulova")))),
                           (8, .action(.event(.closeFulfilled)))]),
            Script(kind: .access, name: "Oybek Nazarov", email: "oybek.n@example.uz", language: .uzbekLatin,
                   policy: "uz", channel: .email, daysAgo: 25,
                   steps: [(24, .action(.event(.start))),
                           (22, .action(.event(.closeRefused, ground: .exemptionOther,
                                                note: "A repeated request: the same data was provided on request DSAR-2026-000004 two weeks ago and has not changed since.")))]),
            Script(kind: .rectification, name: "Зарина Каримова", email: "zarina.k@example.uz", language: .uzbekCyrillic,
                   policy: "uz", channel: .phone, daysAgo: 1, steps: [(0.9, .action(.event(.start))), (0.8, .assign("kamola"))]),
            Script(kind: .erasure, name: "Сергей Ким", email: "sergey.kim@example.uz", language: .russian,
                   policy: "uz", channel: .email, daysAgo: 12,
                   steps: [(11, .action(.event(.start))), (9, .action(.event(.withdraw)))]),
            Script(kind: .access, name: "Sardor Qodirov", email: "sardor.q@example.uz", language: .uzbekLatin,
                   policy: "uz", channel: .email, daysAgo: 9,
                   steps: [(8, .action(.event(.identityRequest))), (3, .action(.event(.identityFailed)))]),
            Script(kind: .access, name: "Jasur Ergashev", email: "jasur.e@example.uz", language: .uzbekLatin,
                   policy: "uz", channel: .email, daysAgo: 18,
                   steps: [(17, .action(.event(.start))),
                           (12, .evidence(.disclosure(Disclosure(description: "Copy of the customer file, sent by post")))),
                           (11, .action(.event(.closePartiallyFulfilled, ground: .legalObligationToRetain,
                                                note: "Call recordings are held by the bank under its own retention duty.",
                                                retention: RetentionObligation(law: "Law of the Republic of Uzbekistan on Banks and Banking Activity",
                                                                               period: "5 years after the end of the business relationship"))))]),
            Script(kind: .access, name: "Sarah Mitchell", email: "sarah.mitchell@example.com", language: .english,
                   policy: "gdpr", channel: .webForm, daysAgo: 0.1, steps: []),
        ]
    }

    /// Loads the sample unless the desk already holds requests; returns the references created.
    public func load(actor: String, now: Date) throws -> [String] {
        let existing = try db.query("SELECT count(*) FROM requests").first?.decode(column: 0, as: Int.self) ?? 0
        guard existing == 0 else { return [] }
        for (key, value) in Self.settings {
            try db.execute(
                "INSERT INTO settings (key, value, updated_by) VALUES (\(key), \(value), \(actor)) ON CONFLICT (key) DO NOTHING")
        }
        let store = RequestStore(db)
        var references: [String] = []
        for script in Self.scripts(now: now) {
            let received = now.addingTimeInterval(-script.daysAgo * 86_400)
            let request = try store.create(
                NewRequest(
                    kind: script.kind, requesterName: script.name, email: script.email, language: script.language,
                    channel: script.channel, policy: script.policy, directMarketing: script.directMarketing,
                    consentWithdrawal: script.consentWithdrawal, receivedAt: received),
                actor: "intake", now: received)
            for (daysAgo, step) in script.steps {
                let at = now.addingTimeInterval(-daysAgo * 86_400)
                switch step {
                case .action(let action):
                    _ = try store.apply(action, to: request.reference, actor: actor, occurredAt: at, now: at)
                case .evidence(let evidence):
                    try store.record(evidence, on: request.reference, actor: actor, occurredAt: at, now: at)
                case .assign(let user):
                    _ = try store.assign(request.reference, to: user, actor: actor, now: at)
                }
            }
            references.append(request.reference)
        }
        return references
    }
}
