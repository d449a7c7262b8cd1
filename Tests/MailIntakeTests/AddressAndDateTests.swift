import Foundation
import Testing
@testable import MailIntake

@Suite struct AddressParserTests {
    @Test(arguments: [
        ("Dilnoza Karimova <dilnoza@mail.uz>", "Dilnoza Karimova", "dilnoza@mail.uz"),
        ("\"Brown, Lisa\" <lisa@example.com>", "Brown, Lisa", "lisa@example.com"),
        ("lisa@example.com (Lisa Brown)", "Lisa Brown", "lisa@example.com"),
        ("<bare@example.com>", nil, "bare@example.com"),
        ("plain@example.com", nil, "plain@example.com"),
        ("=?utf-8?B?0JDQvdC90LA=?= <anna@mail.ru>", "Анна", "anna@mail.ru"),
        ("\"=?utf-8?Q?Ro=CA=BBziyeva?=\" <r@mail.uz>", "Roʻziyeva", "r@mail.uz"),
        ("Jo (work) Doe <jo@x.uz>", "Jo Doe", "jo@x.uz"),
        ("\"Quote \\\"Q\\\" Name\" <q@x.uz>", "Quote \"Q\" Name", "q@x.uz"),
    ] as [(String, String?, String)])
    func mailbox(value: String, name: String?, email: String) {
        let parsed = AddressParser.parse(value)
        #expect(parsed == [MailAddress(name: name, email: email)])
    }

    @Test func listsAndGroups() {
        #expect(AddressParser.parse("undisclosed-recipients:;").isEmpty)
        let parsed = AddressParser.parse("a@x.uz, \"B, C\" <b@x.uz>, Team: d@x.uz, e@x.uz;, f@x.uz")
        #expect(parsed.map(\.email) == ["a@x.uz", "b@x.uz", "d@x.uz", "e@x.uz", "f@x.uz"])
    }

    @Test func requesterPrefersReplyTo() throws {
        let message = try MIMEParser.parse(FixtureSupport.message(["From: a@x.uz", "Reply-To: Real <real@x.uz>"], ""))
        #expect(message.requester?.email == "real@x.uz")
    }

    /// The whole mailbox in one encoded word, or in the display name (web forms, some mailers).
    @Test(arguments: [
        ("=?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCyIDxpdmFuQGV4YW1wbGUucnU+?=", "Иван Петров", "ivan@example.ru"),
        ("=?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCyIDxpdmFuQGV4YW1wbGUucnU+?= <>", "Иван Петров", "ivan@example.ru"),
        ("\"=?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCyIDxpdmFuQGV4YW1wbGUucnU+?=\" <noreply@form.example.uz>", "Иван Петров",
         "ivan@example.ru"),
        ("\"Ivan Petrov <ivan@example.ru>\" <ivan.petrov@example.ru>", "Ivan Petrov", "ivan.petrov@example.ru"),
        ("=?utf-8?q?ivan=40example=2Eru?=", nil, "ivan@example.ru"),
        ("\"ivan@example.ru\" <ivan@example.ru>", "ivan@example.ru", "ivan@example.ru"),
    ] as [(String, String?, String)])
    func mailboxInsideTheDisplayName(value: String, name: String?, email: String) {
        #expect(AddressParser.parse(value) == [MailAddress(name: name, email: email)])
    }

    @Test func aDisplayNameWithoutAnAddressStaysWithout() {
        #expect(AddressParser.parse("=?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCy?=").isEmpty)
        #expect(AddressParser.parse("Ivan Petrov <>").isEmpty)
    }

    @Test func theRequesterFallsBackToSenderThenReplyTo() throws {
        let sender = try MIMEParser.parse(
            FixtureSupport.message(["From: =?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCy?=", "Sender: Office <office@x.uz>"], ""))
        #expect(sender.from == nil)
        #expect(sender.requester == MailAddress(name: "Office", email: "office@x.uz"))
        let replyTo = try MIMEParser.parse(FixtureSupport.message(["From: Ivan <>", "Reply-To: ivan@x.ru"], ""))
        #expect(replyTo.requester?.email == "ivan@x.ru")
        let encoded = try MIMEParser.parse(
            FixtureSupport.message(["From: =?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCyIDxpdmFuQGV4YW1wbGUucnU+?="], ""))
        #expect(encoded.requester == MailAddress(name: "Иван Петров", email: "ivan@example.ru"))
    }

    @Test func aRequestWithoutAnyAddressIsQuarantinedAndOneWithAnEncodedMailboxIsNew() {
        func assess(_ from: String) -> IntakeAssessment {
            IntakeAssessment.assess(Array("From: \(from)\nSubject: Erasure\n\nPlease delete all my personal data.\n".utf8))
        }
        let none = assess("=?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCy?=")
        #expect(none.status == .quarantined)
        #expect(IntakeDecision.decide(none.evidence, knowing: .nothing).reason?.hasPrefix("no_sender:") == true)
        let recovered = assess("=?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCyIDxpdmFuQGV4YW1wbGUucnU+?=")
        #expect(recovered.status == .new)
        #expect(recovered.message?.requester?.email == "ivan@example.ru")
    }
}

@Suite struct MailDateParserTests {
    static let expected = Date(timeIntervalSince1970: 1_772_428_500)  // 2026-03-02 05:15:00 UTC

    @Test(arguments: [
        "Mon, 2 Mar 2026 10:15:00 +0500",
        "Mon, 02 Mar 2026 10:15:00 +0500 (UZT)",
        "2 Mar 2026 10:15:00 +0500",
        "Mon, 2 Mar 26 10:15:00 +0500",
        "Mon, 2 Mar 2026 10:15 +0500",
        "Mon, 2 Mar 2026 05:15:00 GMT",
        "Mon, 2 Mar 2026 05:15:00 UT",
        "Mon, 2 Mar 2026 00:15:00 EST",
        "Mon, 2 Mar 2026 08:15:00 MSK",
        "Monday, 2 March 2026 10:15:00 UZT",
        "Mon Mar  2 05:15:00 2026",
        "2026-03-02T10:15:00+05:00",
        "Mon, 2 Mar 2026 10:15:00 +0500 (Tashkent Standard Time)",
    ])
    func readable(value: String) {
        #expect(MailDateParser.parse(value) == Self.expected, "\(value)")
    }

    @Test func twoDigitYearsPivot() {
        #expect(MailDateParser.parse("1 Jan 99 00:00:00 +0000") == Date(timeIntervalSince1970: 915_148_800))
    }

    @Test(arguments: ["yesterday afternoon", "", "32 Mar 2026 10:00", "2 Foo 2026", "Mon, 2 Mar 2026 25:61:00"])
    func hopeless(value: String) {
        #expect(MailDateParser.parse(value) == nil)
    }
}
