import DeskCore
import Foundation
import Testing
@testable import Letters

/// Golden files: every letter in every language, as the requester would read it.
///
/// Re-record on purpose after changing wording: `RECORD_SNAPSHOTS=1 swift test --filter LettersTests`,
/// then review the diff of `Tests/LettersTests/Snapshots/`.
@Suite struct LetterSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// A realistic context (not markers) so the snapshots read like real letters.
    static func context(for kind: LetterKind) -> LetterContext {
        let right: Right
        switch kind {
        case .fulfilledRectification, .recipientNotification: right = .rectification
        case .fulfilledErasure: right = .erasure
        case .fulfilledRestriction, .restrictionLiftNotice: right = .restriction
        case .fulfilledPortability: right = .portability
        case .fulfilledObjection: right = .objection
        default: right = .access
        }
        return LetterContext(
            requesterName: "Dilnoza Karimova",
            requesterEmail: "dilnoza.karimova@example.uz",
            reference: "DSAR-2026-000123",
            right: right,
            receivedDate: "2026-11-02",
            dueDate: "2026-11-12",
            extendedDueDate: kind == .extensionNotice ? "2026-12-12" : nil,
            policyName: "uz",
            // ZRU-547 sets the rectification term (statute); for the other rights the desk sets its own.
            legalSource: right == .rectification ? "ZRU-547 art. 11" : "ZRU-547 art. 30",
            basis: right == .rectification ? .statute : .deskPolicy,
            term: right == .rectification ? Period(3, .calendarDays) : Period(10, .calendarDays),
            authorityName: "AUTHORITY",
            today: "2026-11-09",
            organisationName: "Raqamli Xizmatlar LLC",
            organisationAddress: "Amir Temur 108, Tashkent 100084",
            dpoName: "Aziz Rahimov",
            dpoEmail: "dpo@raqamli.example.uz",
            dpoPhone: "+998 71 200 00 00",
            clarificationQuestion: "Which of your two accounts (2019 and 2023) does the request concern?",
            extensionReason: "The data is held in three archived systems.",
            refusalNote: kind == .refusalNoDataHeld
                ? "We searched the CRM, the billing system and the mail archive under your name, e-mail address and telephone number."
                : "The invoices issued to you are accounting records that we must keep.",
            retentionLaw: "Tax Code of the Republic of Uzbekistan",
            retentionPeriod: "5 years",
            disclosures: ["profile.pdf (sha256 9f2c…e1)", "payments.csv (sha256 41ab…07)"],
            changes: ["home address: new address recorded"],
            erasures: ["CRM: contact details and order history, deleted, 2026-11-08"],
            backupOverwriteDate: "2026-12-08",
            restrictions: ["marketing platform: all purposes"],
            exports: ["json: export-000123.json (sha256 77de…9a)"],
            stoppedPurposes: ["direct marketing by SMS"],
            notifiedRecipients: ["Courier Express LLC"],
            recipientName: "Courier Express LLC",
            liftReason: "The accuracy of the data has been verified.",
            liftDate: "2026-12-01"
        )
    }

    @Test(arguments: Language.allCases)
    func lettersMatchTheirSnapshots(language: Language) throws {
        let renderer = try LettersFixtures.renderer()
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        let folder = Self.directory.appendingPathComponent(language.rawValue)
        if record { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for kind in LetterKind.allCases {
            var context = Self.context(for: kind)
            context.authorityName = AuthorityName.uzbekistan(language)
            context.statusText = StatusText.text(.inProgress, language: language)
            context.waitingDays = 30
            let letter = try renderer.render(kind, language: language, context: context)
            let rendered = "Subject: \(letter.subject)\n\n\(letter.text)"
            let file = folder.appendingPathComponent(kind.rawValue + ".txt")
            if record {
                try rendered.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(rendered == expected, "\(language.rawValue)/\(kind.rawValue) differs from its snapshot; re-record with RECORD_SNAPSHOTS=1 if intended")
        }
    }
}
