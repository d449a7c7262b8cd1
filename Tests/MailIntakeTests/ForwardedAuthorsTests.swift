import Testing
@testable import MailIntake

/// The requester of a letter a colleague forwards to the desk is the customer who wrote it.
@Suite struct ForwardedAuthorsTests {
    static func parse(from: String, to: String = "DPO <dpo@bank.example.uz>", subject: String, _ body: String,
                      extra: [String] = []) throws -> ParsedMessage {
        try MIMEParser.parse(FixtureSupport.message(
            ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Tue, 01 Dec 2026 09:30:00 +0500",
             "Message-ID: <fwd-\(subject.count)@bank.example.uz>", "Content-Type: text/plain; charset=utf-8"] + extra, body))
    }

    @Test func aColleaguesGmailForwardNamesTheCustomer() throws {
        let message = try Self.parse(
            from: "Call Centre <cc@bank.example.uz>", subject: "Fwd: stop calling me",
            """
            Passing this on.

            ---------- Forwarded message ---------
            From: Dilnoza Yusupova <dilnoza.y@mail.example.com>
            Date: Mon, 30 Nov 2026 at 17:02
            Subject: stop calling me
            To: <cc@bank.example.uz>

            Please stop calling me with offers. I object to the use of my number for marketing.
            """)
        #expect(message.requester == MailAddress(name: "Dilnoza Yusupova", email: "dilnoza.y@mail.example.com"))
        #expect(message.from?.email == "cc@bank.example.uz")
    }

    @Test func anOutlookForwardInRussianNamesTheCustomer() throws {
        let message = try Self.parse(
            from: "\"Karimov, Rustam\" <r.karimov@branch.bank.example.uz>", subject: "FW: удаление данных",
            """
            Коллеги, к вам.

            От: Ольга Смирнова <olga.s@yandex.example.ru>
            Отправлено: 30 ноября 2026 г. 18:00
            Кому: branch@branch.bank.example.uz
            Тема: удаление данных

            Прошу удалить мои персональные данные.
            """)
        #expect(message.requester?.email == "olga.s@yandex.example.ru")
        #expect(message.requester?.name == "Ольга Смирнова")
    }

    @Test func anAttachedMessageNamesItsAuthor() throws {
        let message = try FixtureSupport.parse("ru_forward_rfc822.eml")
        #expect(message.forwardedAuthors.map(\.email) == ["rustam.h@mail.ru"])
        #expect(message.requester?.email == "rustam.h@mail.ru")
    }

    @Test func aChainOfColleaguesIsPassedOver() throws {
        let message = try Self.parse(
            from: "Jasur <j.aliev@bank.example.uz>", subject: "Fwd: Fwd: ariza",
            """
            ---------- Forwarded message ---------
            From: Chilonzor filiali <chilonzor@bank.example.uz>
            Subject: Fwd: ariza

            > ---------- Forwarded message ---------
            > From: Erkin Xudoyqulov <erkin77@inbox.example.uz>
            > Subject: ariza
            >
            > Ma'lumotlarimni bloklab qo'ying.
            """)
        #expect(message.forwardedAuthors.map(\.email) == ["chilonzor@bank.example.uz", "erkin77@inbox.example.uz"])
        #expect(message.requester?.email == "erkin77@inbox.example.uz")
    }

    @Test func aForwardWithinTheOrganisationOnlyKeepsTheSender() throws {
        let message = try Self.parse(
            from: "Jasur <j.aliev@bank.example.uz>", subject: "Fwd: ariza",
            """
            ---------- Forwarded message ---------
            From: Chilonzor filiali <chilonzor@bank.example.uz>

            Mijoz shaxsan kelib ariza yozdi: ma'lumotlarini bloklash.
            """)
        #expect(message.requester?.email == "j.aliev@bank.example.uz")
    }

    @Test func aCustomerForwardingTheirOwnLetterKeepsThemselves() throws {
        let message = try Self.parse(
            from: "Aziza <aziza.k@gmail.example.com>", subject: "Fwd: my request of 1 November",
            """
            You never answered this.

            ---------- Forwarded message ---------
            From: Aziza <aziza.k@gmail.example.com>
            To: info@bank.example.uz

            Please send me a copy of my data.
            """)
        #expect(message.requester?.email == "aziza.k@gmail.example.com")
    }

    @Test func aLawyerPassingALetterOnKeepsTheLawyer() throws {
        let message = try Self.parse(
            from: "Priya Raman <p.raman@ramancole.example.co.uk>", subject: "FW: erasure",
            """
            On behalf of our client, see below.

            -----Original Message-----
            From: Mr Hussain <hussain@mail.example.co.uk>
            Sent: 8 July 2026 10:00

            Erase my data.
            """)
        #expect(message.requester?.email == "p.raman@ramancole.example.co.uk")
    }

    @Test func aColleaguesReplyQuotingACustomerIsNoForward() throws {
        let message = try Self.parse(
            from: "Support <support@bank.example.uz>", subject: "Re: question",
            """
            We replied to him yesterday.

            -----Original Message-----
            From: Bobur <bobur@mail.example.com>
            Sent: 30 November 2026 10:00

            When is my card ready?
            """)
        #expect(message.forwardedAuthors.isEmpty)
        #expect(message.requester?.email == "support@bank.example.uz")
    }

    @Test func theDeliveredToMailboxCountsAsTheDesks() throws {
        let message = try Self.parse(
            from: "Reception <info@bank.example.uz>", to: "undisclosed-recipients:;", subject: "Пересл: обращение",
            """
            -------- Пересылаемое сообщение --------
            30.11.2026, 17:10, "Иван Петров" <ivan.p@mail.example.ru>:

            Прошу исправить мой адрес.
            """, extra: ["Delivered-To: dpo@bank.example.uz"])
        #expect(message.requester?.email == "ivan.p@mail.example.ru")
        #expect(message.requester?.name == "Иван Петров")
    }

    @Test func mailRuAndThunderbirdAndAppleMailBlocks() throws {
        for block in [
            "-------- Пересылаемое сообщение --------\nОт кого: Иван <ivan.p@mail.example.ru>\nКому: info@bank.example.uz\n",
            "-------- Forwarded Message --------\nSubject: data\nDate: Mon, 30 Nov 2026\nFrom: Ivan <ivan.p@mail.example.ru>\n",
            "Begin forwarded message:\n\nFrom: Ivan <ivan.p@mail.example.ru>\nSubject: data\n",
        ] {
            let message = try Self.parse(from: "info@bank.example.uz", subject: "Fwd: data", block + "\nDelete my data.\n")
            #expect(message.requester?.email == "ivan.p@mail.example.ru", "\(block)")
        }
    }

    @Test func aCopyToTheOrganisationMakesNoSenderAColleague() throws {
        let message = try Self.parse(
            from: "Aziza <aziza.k@gmail.example.com>", to: "dpo@bank.example.uz", subject: "Fwd: letter from the collectors",
            """
            ---------- Forwarded message ---------
            From: Collections <letters@collector.example.uz>

            Pay now.
            """, extra: ["Cc: Husband <rustam.k@gmail.example.com>"])
        #expect(message.requester?.email == "aziza.k@gmail.example.com")
    }
}
