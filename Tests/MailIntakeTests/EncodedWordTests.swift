import Testing
@testable import MailIntake

@Suite struct EncodedWordTests {
    @Test func base64Word() {
        #expect(EncodedWordDecoder.decode("=?utf-8?B?0KPQtNCw0LvQuNGC0LU=?=").text == "Удалите")
    }

    @Test func qWordWithUnderscoreSpaces() {
        #expect(EncodedWordDecoder.decode("=?utf-8?Q?so=E2=80=98rov_bor?=").text == "so‘rov bor")
    }

    @Test func adjacentWordsJoinWithoutTheWhitespaceBetween() {
        let value = "=?utf-8?Q?Ma=CA=BClumot?=\n  =?utf-8?Q?larim?= and text"
        #expect(EncodedWordDecoder.decode(value).text == "Maʼlumotlarim and text")
    }

    @Test func aCharacterSplitBetweenTwoWordsOfOneCharsetIsDecodedWhole() {
        // "Прошу удалить" cut after 5 bytes, inside "о" (as mailers that cut every N bytes write it).
        #expect(EncodedWordDecoder.decode("=?utf-8?b?0J/RgNA=?= =?UTF-8?B?vtGI0YMg0YPQtNCw0LvQuNGC0Yw=?=").text == "Прошу удалить")
        // Shift_JIS "個人情報" cut inside its second character, the words on two header lines.
        #expect(EncodedWordDecoder.decode("=?shift_jis?b?jMKQ?=\n =?Shift_JIS?b?bI/ulfE=?=").text == "個人情報")
        // Words in two charsets are each decoded in their own.
        let mixed = EncodedWordDecoder.decode("=?windows-1251?B?yO3t4A==?= =?KOI8-R?Q?=E9=CE=CE=C1?= =?x-unknown?Q?ok?=")
        #expect(mixed.text == "ИннаИннаok")
        #expect(mixed.unknownCharsets == ["x-unknown"])
    }

    @Test func whitespaceBetweenWordAndTextIsKept() {
        #expect(EncodedWordDecoder.decode("Re: =?utf-8?B?0JfQsNC/0YDQvtGB?= now").text == "Re: Запрос now")
    }

    @Test func windows1251AndKOI8RWords() {
        #expect(EncodedWordDecoder.decode("=?windows-1251?B?yO3t4A==?=").text == "Инна")
        #expect(EncodedWordDecoder.decode("=?KOI8-R?Q?=E9=CE=CE=C1?=").text == "Инна")
    }

    @Test func unknownCharsetIsReportedNotFatal() {
        let result = EncodedWordDecoder.decode("=?x-unknown?Q?Data_request?=")
        #expect(result.text == "Data request")
        #expect(result.unknownCharsets == ["x-unknown"])
    }

    @Test func malformedWordsStayAsWritten() {
        for text in ["=?utf-8?X?abc?=", "=?utf-8?B?abc", "=??B?abc?=", "plain =? text"] {
            #expect(EncodedWordDecoder.decode(text).text == text)
        }
    }

    @Test func rfc2231LanguageSuffixIsIgnored() {
        #expect(EncodedWordDecoder.decode("=?utf-8*uz?Q?salom?=").text == "salom")
    }
}

@Suite struct HeaderTests {
    @Test func foldedHeadersAreUnfolded() throws {
        let bytes = FixtureSupport.message([
            "From: a@example.uz", "Subject: Ma'lumotlarimni", "\to'chirish haqida", "Message-ID:", " <abc@x>",
        ], "body")
        let message = try MIMEParser.parse(bytes)
        #expect(message.subject == "Ma'lumotlarimni o'chirish haqida")
        #expect(message.messageID == "abc@x")
    }

    @Test func headerListKeepsOrderAndLookupIgnoresCase() throws {
        let message = try MIMEParser.parse(FixtureSupport.message(["FROM: a@b.uz", "x-custom: 1", "X-Custom: 2"], ""))
        #expect(message.headers.map(\.name) == ["FROM", "x-custom", "X-Custom"])
        #expect(message.headers.value(of: "x-CUSTOM") == "1")
    }

    @Test func referencesAndInReplyTo() throws {
        let message = try MIMEParser.parse(FixtureSupport.message([
            "From: a@b.uz", "In-Reply-To: <l1@desk>", "References: <m0@x>\n <l1@desk>",
        ], ""))
        #expect(message.inReplyTo == "l1@desk")
        #expect(message.threadMessageIDs == ["l1@desk", "m0@x"])
        #expect(message.references == ["m0@x", "l1@desk"])
    }

    @Test func rfc2231ParametersAreJoinedAndDecoded() {
        let parameters = HeaderParameters("attachment; filename*0*=UTF-8''%D0%B0%D1%80; filename*1*=%D0%B8%D0%B7%D0%B0.pdf")
        #expect(parameters.value == "attachment")
        #expect(parameters.parameters["filename"] == "ариза.pdf")
        #expect(HeaderParameters("text/plain; charset=\"KOI8-R\"; format=flowed").parameters["charset"] == "KOI8-R")
    }
}
