import Testing
@testable import MailIntake

@Suite struct TransferEncodingTests {
    @Test func base64ToleratesLineBreaksAndGarbage() {
        #expect(TransferDecoding.base64(Array("SGVs\r\nbG8s\n IHdv*cmxk\n".utf8)) == Array("Hello, world".utf8))
    }

    @Test func truncatedBase64KeepsWholeBytes() {
        #expect(TransferDecoding.base64(Array("SGVsbG8".utf8)) == Array("Hello".utf8))
    }

    @Test func quotedPrintableSoftBreaksAndEscapes() {
        let input = Array("so=E2=80=99rov =\r\nqilaman=\nmiz\n= bad =4".utf8)
        #expect(String(decoding: TransferDecoding.quotedPrintable(input), as: UTF8.self) == "so’rov qilamanmiz\n= bad =4")
    }

    @Test func sevenBitEightBitAndBinaryPassThrough() {
        let bytes: [UInt8] = [0x41, 0xD0, 0x90, 0x00]
        for encoding in ["7bit", "8bit", "binary", "BINARY", nil] {
            #expect(TransferDecoding.decode(bytes, encoding: encoding) == bytes)
        }
    }
}

@Suite struct CharsetTests {
    static let russian = "Прошу удалить мои данные, ёжик Ё"

    @Test(arguments: [
        ("windows-1251", "cp1251"), ("KOI8-R", "koi8r"), ("iso-8859-5", "iso88595"), ("ibm866", "cp866"),
    ])
    func cyrillicEightBitCharsets(charset: String, _: String) {
        let bytes = encode(Self.russian, charset: charset)
        #expect(bytes.count == Self.russian.count)
        #expect(CharsetDecoder.decode(bytes, charset: charset).text == Self.russian)
    }

    @Test func latinCharsets() {
        #expect(CharsetDecoder.decode([0x4D, 0xFC, 0x6C], charset: "ISO-8859-1").text == "Mül")
        #expect(CharsetDecoder.decode([0x93, 0x43, 0x68, 0x6C, 0x6F, 0xE9, 0x94, 0x80], charset: "windows-1252").text == "“Chloé”€")
        #expect(CharsetDecoder.decode([0xA4, 0xBD], charset: "iso-8859-15").text == "€œ")
    }

    @Test func utf8AndASCII() {
        #expect(CharsetDecoder.decode(Array("oʻzbek".utf8), charset: "UTF-8").text == "oʻzbek")
        #expect(CharsetDecoder.decode(Array("plain".utf8), charset: "us-ascii").text == "plain")
        #expect(CharsetDecoder.decode(Array("plain".utf8), charset: nil).known)
    }

    @Test func utf16WithAndWithoutBOM() {
        #expect(CharsetDecoder.decode([0xFF, 0xFE, 0x1F, 0x04, 0x40, 0x04], charset: "utf-16").text == "Пр")
        #expect(CharsetDecoder.decode([0xFE, 0xFF, 0x04, 0x1F, 0x04, 0x40], charset: "utf-16").text == "Пр")
        #expect(CharsetDecoder.decode([0x04, 0x1F, 0x04, 0x40], charset: "utf-16").text == "Пр")
        #expect(CharsetDecoder.decode([0x1F, 0x04, 0x40, 0x04], charset: "UTF-16LE").text == "Пр")
        #expect(CharsetDecoder.decode([0x04, 0x1F, 0x04, 0x40, 0x04], charset: "utf-16be").text == "Пр")
    }

    @Test func unknownCharsetFallsBackAndSaysSo() {
        let result = CharsetDecoder.decode(Array("hello".utf8), charset: "x-made-up")
        #expect(result.text == "hello")
        #expect(!result.known)
    }

    /// Encodes with the decoder's own tables, to check each table round-trips.
    func encode(_ text: String, charset: String) -> [UInt8] {
        guard let table = CharsetDecoder.table(for: CharsetDecoder.normalizedName(charset)) else { return [] }
        var reverse: [UInt16: UInt8] = [:]
        for (offset, value) in table.enumerated() { reverse[value] = UInt8(0x80 + offset) }
        return text.utf16.compactMap { $0 < 0x80 ? UInt8($0) : reverse[$0] }
    }
}

@Suite struct CharsetFixtureTests {
    @Test(arguments: [
        ("ru_access_cp1251_base64.eml", "какие мои персональные данные"),
        ("ru_rectification_koi8r.eml", "неверно указана фамилия"),
        ("ru_restriction_iso88595.eml", "прошу ограничить обработку"),
        ("ru_erasure_qp.eml", "Прошу удалить все мои"),
        ("en_erasure_utf16le.eml", "Please delete my account"),
        ("ru_access_utf16_bom.eml", "Прошу предоставить копию"),
        ("en_rectification_cp1252.eml", "spelled “Chloé”"),
        ("en_access_iso885915.eml", "25 €"),
        ("en_rectification_latin1.eml", "\"Müller\""),
    ])
    func fixtureBodyDecodes(name: String, fragment: String) throws {
        let message = try FixtureSupport.parse(name)
        #expect(message.textBody.contains(fragment), "\(name): \(message.textBody.prefix(120))")
    }

    @Test func encodedWordSenderName() throws {
        let message = try FixtureSupport.parse("ru_access_cp1251_base64.eml")
        #expect(message.from == MailAddress(name: "Анна Иванова", email: "ivanova.anna@mail.ru"))
        #expect(message.subject == "Запрос на доступ к персональным данным")
    }
}
