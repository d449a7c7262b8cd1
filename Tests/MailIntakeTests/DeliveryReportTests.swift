import MailIntake
import Testing

@Suite struct DeliveryReportTests {
    static let dsn = """
        From: MAILER-DAEMON@mail.desk.test (Mail Delivery System)\r
        To: dpo@desk.test\r
        Subject: Undelivered Mail Returned to Sender\r
        Auto-Submitted: auto-replied\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
        \r
        --B\r
        Content-Type: text/plain\r
        \r
        I'm sorry to have to inform you that your message could not be delivered.\r
        --B\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mail.desk.test\r
        \r
        Final-Recipient: rfc822; nobody@bounce.test\r
        Action: failed\r
        Status: 5.0.0\r
        Diagnostic-Code: x-unix; mailbox unavailable\r
        --B\r
        Content-Type: text/rfc822-headers\r
        \r
        Subject: [DSAR-2026-000002] Murojaatingiz qabul qilindi\r
        Message-ID: <dsar.DSAR-2026-000002.7.0a1b2c3d4e5f6071@desk.test>\r
        --B--\r

        """

    @Test func aDeliveryReportNamesTheReturnedLetterAndTheReason() throws {
        let bytes = Array(Self.dsn.utf8)
        let message = try MIMEParser.parse(bytes)
        let report = try #require(DeliveryReport.find(in: bytes, message: message))
        #expect(report.messageIDs == ["<dsar.DSAR-2026-000002.7.0a1b2c3d4e5f6071@desk.test>"])
        #expect(report.reason == "x-unix; mailbox unavailable")
        // A DSN is triage, not a reply, although it quotes a reference.
        #expect(AutomatedMailDetector.reason(for: message) == AutomatedMailDetector.deliveryReportReason)
    }

    @Test func aPersonsMailQuotingOurMessageIDIsNoDeliveryReport() throws {
        let text = "From: Ali <ali@example.uz>\r\nTo: dpo@desk.test\r\nSubject: Re: javob\r\nIn-Reply-To: <dsar.DSAR-2026-000002.7.0a1b2c3d4e5f6071@desk.test>\r\n\r\nRahmat.\r\n"
        let bytes = Array(text.utf8)
        #expect(DeliveryReport.find(in: bytes, message: try MIMEParser.parse(bytes)) == nil)
    }
}
