import Foundation
import Testing
@testable import DeskCore

@Suite struct EvidenceTests {
    static let digest = SHA256.hex("report.pdf")
    static let when = Date(timeIntervalSince1970: 1_780_000_000)

    static let valid: [Evidence] = [
        .disclosure(Disclosure(path: "out/DSAR-2026-000001.zip", sha256: digest)),
        .disclosure(Disclosure(description: "Paper copy handed over at the front desk")),
        .change(Change(field: "address", newValueSummary: "new street address as provided")),
        .erasure(ErasureJournalEntry(system: "CRM", dataCategories: ["contact"], method: "hard delete",
                                     performedBy: "it.ops", performedAt: when)),
        .restriction(RestrictionScope(purposes: ["marketing"])),
        .export(ExportArtefact(format: .json, path: "out/export.json", sha256: digest.uppercased())),
        .decision(ObjectionDecision(outcome: .processingStopped, purposes: ["profiling"])),
        .recipient(RecipientNotification(recipient: "Payroll bureau", whatWasNotified: "erasure of contact data")),
        .noRecipients(note: nil),
        .noDataHeld(note: "searched CRM and billing"),
    ]

    static let invalid: [Evidence] = [
        .disclosure(Disclosure()),
        .disclosure(Disclosure(path: "out/a.zip")),
        .disclosure(Disclosure(path: "out/a.zip", sha256: "abc")),
        .disclosure(Disclosure(description: "x", sha256: String(repeating: "g", count: 64))),
        .change(Change(field: "", newValueSummary: "x")),
        .change(Change(field: "name", newValueSummary: " ")),
        .erasure(ErasureJournalEntry(system: "CRM", dataCategories: [], method: "delete", performedBy: "a", performedAt: when)),
        .erasure(ErasureJournalEntry(system: "", dataCategories: ["c"], method: "delete", performedBy: "a", performedAt: when)),
        .restriction(RestrictionScope()),
        .export(ExportArtefact(format: .csv, path: "", sha256: digest)),
        .export(ExportArtefact(format: .csv, path: "a.csv", sha256: String(digest.dropLast()))),
        .decision(ObjectionDecision(outcome: .processingStopped)),
        .decision(ObjectionDecision(outcome: .overridden, grounds: "")),
        .recipient(RecipientNotification(recipient: "Bank", whatWasNotified: "")),
    ]

    @Test(arguments: valid)
    func validEvidencePasses(_ evidence: Evidence) {
        #expect(throws: Never.self) { try evidence.validate() }
    }

    @Test(arguments: invalid)
    func invalidEvidenceIsRefusedAsInvalidEvidence(_ evidence: Evidence) {
        do {
            try evidence.validate()
            Issue.record("\(evidence) was accepted")
        } catch {
            #expect(error.code == .invalidEvidence)
        }
    }

    @Test func overriddenDirectMarketingObjectionIsRefused() {
        let decision = ObjectionDecision(outcome: .overridden, grounds: "compelling legitimate grounds")
        #expect(throws: Never.self) { try decision.validate(directMarketing: false) }
        #expect(throws: DeskCoreError.self) { try decision.validate(directMarketing: true) }
        // ZRU-547 art. 17: a withdrawal of consent destroys; it is never overridden (issue 14 item 5).
        #expect(throws: DeskCoreError.self) { try decision.validate(directMarketing: false, consentWithdrawal: true) }
        let blankGround = ObjectionDecision(outcome: .processingStopped, purposes: ["newsletter"], retentionGround: " ")
        #expect(throws: DeskCoreError.self) { try blankGround.validate(directMarketing: false, consentWithdrawal: true) }
    }

    @Test(arguments: valid)
    func evidenceRoundTripsThroughJSON(_ evidence: Evidence) throws {
        let data = try JSONEncoder().encode(evidence)
        #expect(try JSONDecoder().decode(Evidence.self, from: data) == evidence)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"kind\":\"\(evidence.kind.rawValue)\""))
    }

    @Test func refusalGroundsAreTheClosedList() {
        #expect(RefusalGround.allCases.map(\.rawValue) == [
            "identity_not_verified", "manifestly_unfounded", "excessive", "legal_obligation_to_retain", "no_data_held", "exemption_other",
        ])
        #expect(RefusalGround.allCases.allSatisfy { $0.requiresText }, "every refusal gives its reason (issue 14 item 6)")
    }
}
