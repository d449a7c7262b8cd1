import Testing
@testable import MailIntake

@Suite struct MIMEStructureTests {
    @Test func nestedMultipartPrefersPlainTextAndListsAttachments() throws {
        let message = try FixtureSupport.parse("en_portability_nested.eml")
        #expect(message.textBody.hasPrefix("Hi,\n\nPlease export my data"))
        #expect(message.attachments.map(\.contentType) == ["image/png", "image/jpeg", "application/pdf"])
        #expect(message.attachments.map(\.filename) == [nil, "id-scan.jpg", "request form v2.pdf"])
        #expect(message.attachments[1].size == 104)
        #expect(message.contentType == "multipart/mixed")
    }

    @Test func rfc2231FilenameInCyrillic() throws {
        let message = try FixtureSupport.parse("uzc_portability.eml")
        #expect(message.attachments.first?.filename == "ариза.pdf")
        #expect(message.attachments.first?.size == 120)
    }

    @Test func forwardedMessageTextIsIncluded() throws {
        let message = try FixtureSupport.parse("ru_forward_rfc822.eml")
        #expect(message.textBody.contains("Пересылаю обращение"))
        #expect(message.textBody.contains("Subject: Блокирование данных"))
        #expect(message.textBody.contains("Прошу заблокировать"))
    }

    @Test func htmlOnlyBodyBecomesText() throws {
        let message = try FixtureSupport.parse("ru_portability_html.eml")
        #expect(message.textBody.contains("Прошу выгрузить"))
        #expect(message.textBody.contains("— ООО «Новый банк»"))
        #expect(!message.textBody.contains("var x"))
        #expect(!message.textBody.contains("<p>"))
    }

    @Test func unterminatedBoundaryTakesWhatIsThere() throws {
        let message = try FixtureSupport.parse("malformed_unterminated_boundary.eml")
        #expect(message.textBody.contains("Please erase all my personal data"))
        #expect(message.warnings.contains("unterminated multipart boundary"))
        #expect(message.attachments.count == 1)
    }

    @Test func missingBoundaryReadsBodyAsText() throws {
        let message = try FixtureSupport.parse("malformed_missing_boundary.eml")
        #expect(message.textBody.contains("cheklang"))
        #expect(!message.warnings.isEmpty)
    }

    @Test func boundaryNotFoundReadsBodyAsText() throws {
        let bytes = FixtureSupport.message(["From: a@b.uz", "Content-Type: multipart/mixed; boundary=nope"], "Just text\n")
        let message = try MIMEParser.parse(bytes)
        #expect(message.textBody == "Just text\n")
    }

    @Test func nestingDepthIsLimited() throws {
        var body = "innermost\n"
        for level in (0..<40).reversed() {
            body = "--b\(level)\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\n\n\(body)\n--b\(level)--\n"
        }
        let bytes = FixtureSupport.message(["From: a@b.uz", "Content-Type: multipart/mixed; boundary=\"b0\""], body)
        let message = try MIMEParser.parse(bytes, limits: IntakeLimits(maxDepth: 8))
        #expect(message.warnings.contains { $0.contains("nesting") })
    }

    @Test func unknownCharsetIsAWarning() throws {
        let message = try FixtureSupport.parse("malformed_unknown_charset.eml")
        #expect(message.warnings.contains("unknown charset x-made-up"))
        #expect(message.warnings.contains("unknown charset x-unknown-42 in Subject"))
        #expect(message.subject == "Data request")
    }

    @Test func quarantineReasons() {
        #expect(throws: MailIntakeError(.empty)) { try MIMEParser.parse([]) }
        #expect(MailIntakeError(.empty).quarantineReason == "empty: The message is empty.")
        #expect { try MIMEParser.parse(FixtureSupport.bytes("malformed_no_headers.eml")) } throws: {
            ($0 as? MailIntakeError)?.code == .missingHeaders
        }
        #expect { try MIMEParser.parse(FixtureSupport.bytes("malformed_binary.eml")) } throws: {
            ($0 as? MailIntakeError)?.code == .binaryContent
        }
        #expect { try MIMEParser.parse(Array("From: a@b.uz\n\nhi".utf8), limits: IntakeLimits(maxMessageBytes: 4)) } throws: {
            ($0 as? MailIntakeError)?.code == .tooLarge
        }
    }

    @Test func crlfMessageParses() throws {
        let message = try FixtureSupport.parse("en_reply_outlook.eml")
        #expect(message.subject == "RE: Your request dsar 2026 000321")
        #expect(!message.textBody.contains("\r"))
    }
}
