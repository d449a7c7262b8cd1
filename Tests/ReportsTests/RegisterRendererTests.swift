import DeskCore
import Foundation
import Testing
@testable import Reports

@Suite struct RegisterRendererTests {
    static let rows = [
        RegisterRow(
            reference: "DSAR-2026-000101", right: .access, policy: "uz", channel: .email,
            received: "2026-09-25", due: "2026-10-05", closed: "2026-10-08", outcome: .fulfilled,
            onTime: false, assignee: "dilnoza", requesterName: "Aziz, \"Azizbek\" Karimov",
            requesterEmail: "aziz@example.uz"
        ),
        RegisterRow(
            reference: "DSAR-2026-000102", right: .erasure, policy: "gdpr", channel: .webForm,
            received: "2026-10-01", due: "2026-11-01", extendedDue: "2027-01-01",
            requesterName: "=cmd|' /C calc'!A0", requesterEmail: "x@example.com"
        ),
        RegisterRow(
            reference: "DSAR-2026-000103", right: .objection, policy: "uz", channel: .paper,
            received: "2026-10-02", due: "2026-10-12", closed: "2026-10-03", outcome: .refused,
            ground: "manifestly_unfounded", onTime: true
        ),
    ]

    @Test func csvWithoutContactsHasNoEmailColumn() throws {
        let csv = RegisterRenderer(includeContacts: false).csv(Self.rows)
        let records = try parseCSVWithPython(csv)
        #expect(records.count == 4)
        #expect(records[0] == RegisterRenderer.baseColumns)
        #expect(!records[0].contains("requester_email"))
        #expect(!csv.contains("example.uz"))
        #expect(!csv.contains("Karimov"))
        #expect(records[1] == [
            "DSAR-2026-000101", "access", "uz", "email", "2026-09-25", "2026-10-05", "", "2026-10-08",
            "fulfilled", "", "no", "dilnoza",
        ])
        #expect(records[2][10] == "")
        #expect(records[3][9] == "manifestly_unfounded")
        #expect(records[3][10] == "yes")
    }

    @Test func csvWithContactsHasNameAndEmail() throws {
        let records = try parseCSVWithPython(RegisterRenderer(includeContacts: true).csv(Self.rows))
        #expect(records[0].suffix(2) == ["requester_name", "requester_email"])
        #expect(records.allSatisfy { $0.count == 14 })
        #expect(records[1].suffix(2) == ["Aziz, \"Azizbek\" Karimov", "aziz@example.uz"])
        #expect(records[2][12] == "'=cmd|' /C calc'!A0")
        #expect(records[3].suffix(2) == ["", ""])
    }

    @Test func jsonHasContactsOnlyWhenAsked() throws {
        let without = try RegisterRenderer(includeContacts: false).json(Self.rows)
        let with = try RegisterRenderer(includeContacts: true).json(Self.rows)
        #expect(!without.contains("requester_email"))
        #expect(with.contains("\"requester_email\" : \"aziz@example.uz\""))
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(without.utf8)) as? [[String: Any]])
        #expect(objects.count == 3)
        #expect(Set(objects[0].keys) == Set(RegisterRenderer.baseColumns))
        #expect(objects[0]["on_time"] as? Bool == false)
        #expect(objects[1]["on_time"] is NSNull)
        #expect(objects[1]["extended_due"] as? String == "2027-01-01")
    }

    @Test func emptyRegister() throws {
        #expect(try parseCSVWithPython(RegisterRenderer(includeContacts: false).csv([])).count == 1)
        let empty = try RegisterRenderer(includeContacts: true).json([])
        #expect((try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [Any])?.isEmpty == true)
    }
}
