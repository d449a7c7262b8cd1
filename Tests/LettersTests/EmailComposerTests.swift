import DeskCore
import DeskTestSupport
import Foundation
import Testing
@testable import Letters

@Suite struct EmailComposerTests {
    func composed(language: Language, name: String = "Oʻgʻiljon Toʻxtayeva") throws -> (RenderedLetter, ComposedEmail) {
        let renderer = try LettersFixtures.renderer()
        var context = LettersFixtures.filledContext()
        context.requesterName = name
        let letter = try renderer.render(.acknowledgement, language: language, context: context)
            .appendingFooter(LetterRenderer.footer(verificationCode: "ABCD-EFGH-JKLM", language: language))
        let email = EmailComposer(domain: "dpo.example.uz").compose(
            letter,
            from: EmailAddress(name: "“Raqamli Xizmatlar” MChJ — maʼlumotlarni himoya qilish", address: "dpo@example.uz"),
            to: EmailAddress(name: name, address: "requester@example.uz"),
            reference: "DSAR-2026-000123",
            letterID: "42",
            inReplyTo: "<CAF1234@mail.example.com>",
            date: Date(timeIntervalSince1970: 1_795_000_000)
        )
        return (letter, email)
    }

    /// Parses the .eml with Python's `email` package, an independent MIME implementation.
    func parseWithPython(_ eml: String) throws -> [String: String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("letters-\(UUID().uuidString).eml")
        try Data(eml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys, json, email
            from email import policy
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
            plain = msg.get_body(preferencelist=('plain',))
            html = msg.get_body(preferencelist=('html',))
            print(json.dumps({
                'subject': str(msg['Subject']),
                'from': str(msg['From']),
                'to': str(msg['To']),
                'in_reply_to': str(msg['In-Reply-To']),
                'references': str(msg['References']),
                'message_id': str(msg['Message-ID']),
                'content_type': msg.get_content_type(),
                'charset': plain.get_content_charset(),
                'text': plain.get_content(),
                'html': html.get_content(),
                'defects': str(len(msg.defects)),
            }))
            """
        return try PythonScript.json(script, arguments: [file.path])
    }

    @Test(arguments: Language.allCases)
    func pythonReadsTheMessageBack(language: Language) throws {
        let (letter, email) = try composed(language: language)
        let parsed = try parseWithPython(email.eml)
        #expect(parsed["subject"] == letter.subject)
        #expect(parsed["subject"]?.contains("DSAR-2026-000123") == true)
        #expect(parsed["charset"] == "utf-8")
        #expect(parsed["content_type"] == "multipart/alternative")
        #expect(parsed["to"] == "Oʻgʻiljon Toʻxtayeva <requester@example.uz>")
        #expect(parsed["from"]?.hasPrefix("“Raqamli Xizmatlar” MChJ") == true)
        #expect(parsed["in_reply_to"] == "<CAF1234@mail.example.com>")
        #expect(parsed["references"] == "<CAF1234@mail.example.com>")
        #expect(parsed["message_id"] == email.messageID)
        #expect(parsed["text"] == letter.text)
        #expect(parsed["html"] == letter.html)
        #expect(parsed["defects"] == "0")
    }

    @Test func wireFormat() throws {
        let (_, email) = try composed(language: .uzbekCyrillic, name: "<script>alert(1)</script> O‘Brien")
        #expect(email.eml.unicodeScalars.allSatisfy { $0.isASCII })
        let lines = email.eml.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 && !$0.contains("\n") && !$0.contains("\r") })
        for line in lines where line.contains("=?UTF-8?B?") {
            for word in line.split(separator: " ") where word.hasPrefix("=?") {
                #expect(word.count <= 75)
            }
        }
        #expect(email.eml.contains("MIME-Version: 1.0\r\n"))
    }

    @Test func messageIDShapeIsRecognised() {
        let composer = EmailComposer(domain: "dpo.example.uz")
        let id = composer.makeMessageID(reference: "DSAR-2026-000123", letterID: "42")
        #expect(id.hasPrefix("<dsar.DSAR-2026-000123.42.") && id.hasSuffix("@dpo.example.uz>"))
        let parsed = EmailComposer.parseMessageID(id)
        #expect(parsed?.reference == "DSAR-2026-000123")
        #expect(parsed?.letterID == "42")
        #expect(EmailComposer.parseMessageID("<CAF1234@mail.example.com>") == nil)
        #expect(composer.makeMessageID(reference: "DSAR-2026-000123", letterID: "42") != id)
    }

    @Test func asciiSubjectsStayReadable() {
        let header = EmailComposer.encodedHeader(name: "Subject", value: "Your request DSAR-2026-000123 has been received")
        #expect(header == "Subject: Your request DSAR-2026-000123 has been received")
    }
}
