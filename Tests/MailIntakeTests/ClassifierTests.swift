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
