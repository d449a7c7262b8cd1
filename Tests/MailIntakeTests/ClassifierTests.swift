import Foundation
import DeskCore
import Testing
@testable import MailIntake

@Suite struct RightClassifierTests {
    let classifier = RightClassifier()

    @Test(arguments: ["o'chiring", "oʻchiring", "oʼchiring", "o‘chiring", "o’chiring", "o`chiring", "ochiring"])
    func uzbekApostropheVariants(word: String) {
        let result = classifier.classify(subject: "", body: "Iltimos, mening ma'lumotlarimni \(word).")
        #expect(result.rights == [.erasure])
        #expect(result.language == .uzbekLatin)
    }

    @Test(arguments: ["Прошу удалить мои данные.", "Удалите мои данные.", "Требую удаления моих данных.",
                      "Вы удалили не всё, прошу завершить удаление.", "Прошу уничтожить мои персональные данные."])
    func russianInflections(text: String) {
        let result = classifier.classify(subject: "", body: text)
        #expect(result.rights.first == .erasure)
        #expect(result.language == .russian)
    }

    @Test func uzbekCyrillicIsNotRussian() {
        let result = classifier.classify(subject: "Сўров", body: "Илтимос, маълумотларимни ўчириб ташланг.")
        #expect(result.language == .uzbekCyrillic)
        #expect(result.rights == [.erasure])
    }

    @Test func operativeSentenceOutweighsCitations() {
        let body = """
        Under Article 15 (right of access), Article 16 (rectification), Article 17 (erasure) and Article 20
        (portability) GDPR you must answer within a month. I hereby request that you restrict the processing
        of my personal data.
        """
        let result = classifier.classify(subject: "GDPR request", body: body)
        #expect(result.rights == [.restriction])
        #expect(result.language == .english)
    }

    @Test func consentWithdrawalIsAnObjection() {
        let result = classifier.classify(subject: "", body: "I withdraw my consent to the processing of my data.")
        #expect(result.rights == [.objection])
        #expect(result.consentWithdrawal)
        #expect(!result.directMarketing)
    }

    @Test func directMarketingObjection() {
        let result = classifier.classify(subject: "", body: "Прошу прекратить рекламную рассылку, возражаю против обработки.")
        #expect(result.rights == [.objection])
        #expect(result.directMarketing)
    }

    @Test func severalRightsPrimaryFirst() {
        let result = classifier.classify(subject: "", body: "Please send me a copy of my personal data. Then please delete my account and erase my data.")
        #expect(result.rights == [.erasure, .access] || result.rights == [.access, .erasure])
        #expect(result.rights.count == 2)
    }

    @Test func quotedTextIsIgnoredInReplies() throws {
        let bytes = FixtureSupport.message(["From: a@b.uz", "Subject: Re: your letter"],
                                           "Thank you.\n\nOn Mon, 2 Mar 2026, DPO <d@x.uz> wrote:\n> We will delete your data.\n")
        let result = classifier.classify(try MIMEParser.parse(bytes))
        #expect(result.rights.isEmpty)
    }

    @Test func automatedMailHasNoRights() throws {
        for name in ["newsletter.eml", "auto_reply.eml", "bounce.eml", "newsletter_listid.eml", "out_of_office_ru.eml"] {
            let result = classifier.classify(try FixtureSupport.parse(name))
            #expect(result.rights.isEmpty, "\(name)")
            #expect(result.automatedReason != nil, "\(name)")
        }
    }

    @Test func tooLittleTextHasNoLanguage() {
        #expect(classifier.detectLanguage("ok") == nil)
        #expect(classifier.classify(subject: "", body: "").rights.isEmpty)
    }

    @Test func vocabularyCoversEveryRightInEveryLanguage() {
        for vocabulary in IntakeVocabulary.all {
            for right in Right.allCases {
                #expect(!(vocabulary.rights[right] ?? []).isEmpty, "\(vocabulary.language) \(right)")
            }
        }
    }
}

@Suite struct IntakeRecordTests {
    @Test func dryRunRecordCarriesTheSpecFields() throws {
        let path = FixtureSupport.path("ru_objection_consent.eml")
        let item = try #require(try MailSource.open(path: path).next())
        let record = IntakeRecord(source: item.source, assessment: IntakeAssessment.assess(item))
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        for key in ["source", "message_id", "from_name", "from_email", "subject", "date", "language", "kinds", "status", "reference", "reason"] {
            #expect(json.contains("\"\(key)\""), "\(key)")
        }
        #expect(record.kinds == ["objection"])
        #expect(record.consentWithdrawal)
        #expect(record.fromName == "Алексей Ким")
        #expect(record.date == "2026-03-02T05:15:00Z")
        #expect(record.with(status: "duplicate").status == "duplicate")
    }

    @Test func tooLargeItemIsQuarantined() {
        let assessment = IntakeAssessment.assess(MailItem.tooLarge(source: "x.mbox#3", ordinal: 3, offset: 10, size: 60_000_000))
        #expect(assessment.status == .quarantined)
        #expect(assessment.error?.code == .tooLarge)
    }
}

@Suite struct LegacyCharsetGuessTests {
    @Test func undeclaredEightBitCyrillicIsGuessed() throws {
        let cp1251: [UInt8] = [0xCF, 0xF0, 0xEE, 0xF8, 0xF3, 0x20, 0xF3, 0xE4, 0xE0, 0xEB, 0xE8, 0xF2, 0xFC]  // Прошу удалить
        let koi8: [UInt8] = [0xF0, 0xD2, 0xCF, 0xDB, 0xD5, 0x20, 0xD5, 0xC4, 0xC1, 0xCC, 0xC9, 0xD4, 0xD8]
        #expect(CharsetDecoder.decodeUTF8OrFallback(cp1251) == "Прошу удалить")
        #expect(CharsetDecoder.decodeUTF8OrFallback(koi8) == "Прошу удалить")
        #expect(CharsetDecoder.decodeUTF8OrFallback(Array("Caf".utf8) + [0xE9, 0x20] + Array("au lait".utf8)) == "Café au lait")
        let raw = Array("From: a@b.uz\nSubject: ".utf8) + cp1251 + Array("\n\nbody".utf8)
        #expect(try MIMEParser.parse(raw).subject == "Прошу удалить")
    }
}

@Suite struct CustomVocabularyTests {
    @Test func aDeskCanAddItsOwnPhrases() {
        let local = IntakeVocabulary(language: .english, rights: [.erasure: ["nuke my"]])
        let classifier = RightClassifier(vocabularies: IntakeVocabulary.all + [local])
        #expect(RightClassifier().classify(subject: "", body: "Nuke my profile.").rights.isEmpty)
        #expect(classifier.classify(subject: "", body: "Nuke my profile.").rights == [.erasure])
    }
}
