import DeskCore
import Foundation
@testable import Letters

/// Shared fixtures: the project's templates and a context where every field is filled.
enum LettersFixtures {
    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // LettersTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Templates")

    static func renderer() throws -> LetterRenderer {
        try LetterRenderer(templatesDirectory: templatesDirectory)
    }

    /// Every value is a distinct marker so a test can tell which one reached the letter.
    static func filledContext(extended: Bool = true, right: Right = .access) -> LetterContext {
        LetterContext(
            requesterName: "Dilnoza Karimova",
            requesterEmail: "dilnoza@example.uz",
            reference: "DSAR-2026-000123",
            right: right,
            receivedDate: "2026-11-02",
            dueDate: "2026-11-12",
            extendedDueDate: extended ? "2026-12-14" : nil,
            policyName: "uz",
            legalSource: "ZRU-547 art. 30",
            authorityName: "MARKER-AUTHORITY",
            today: "2026-11-23",
            organisationName: "MARKER-ORGANISATION",
            organisationAddress: "MARKER-ADDRESS",
            dpoName: "MARKER-DPO",
            dpoEmail: "dpo@example.uz",
            dpoPhone: "+998 71 200 00 00",
            clarificationQuestion: "MARKER-QUESTION",
            extensionReason: "MARKER-EXTENSION-REASON",
            refusalNote: "MARKER-REFUSAL-NOTE",
            retentionLaw: "MARKER-RETENTION-LAW",
            retentionPeriod: "MARKER-RETENTION-PERIOD",
            disclosures: ["MARKER-DISCLOSURE"],
            changes: ["MARKER-CHANGE"],
            erasures: ["MARKER-ERASURE"],
            backupOverwriteDate: "2026-12-28",
            restrictions: ["MARKER-RESTRICTION"],
            exports: ["MARKER-EXPORT"],
            stoppedPurposes: ["MARKER-PURPOSE"],
            retentionGround: "MARKER-RETENTION-GROUND",
            notifiedRecipients: ["MARKER-RECIPIENT"],
            statusText: "MARKER-STATUS",
            waitingDays: 30,
            recipientName: "MARKER-RECIPIENT-NAME",
            liftReason: "MARKER-LIFT-REASON",
            liftDate: "2026-12-20"
        )
    }
}
