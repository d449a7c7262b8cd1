import DeskCore
import Testing
@testable import MailIntake

/// The model's normalisation: one form for the six Uzbek apostrophes, both Uzbek scripts and a
/// Russian keyboard's stand-ins, without losing Russian.
@Suite struct FeatureTextTests {
    @Test(arguments: ["o'chiring", "oʻchiring", "oʼchiring", "o‘chiring", "o’chiring", "o`chiring"])
    func everyUzbekApostropheIsOneForm(word: String) {
        #expect(FeatureText.normalizedString(word) == FeatureText.normalizedString("ochiring"))
        #expect(FeatureText.normalizedString("Ma\(word.dropFirst().first!)lumot") == " malumot ")
    }

    @Test func uzbekCyrillicBecomesUzbekLatin() {
        let pairs = [
            ("Маълумотларимни ўчириб ташланг", "Maʼlumotlarimni oʻchirib tashlang"),
            ("Мен ҳақимда қандай маълумот бор?", "Men haqimda qanday maʼlumot bor?"),
            ("ЁЗМА СЎРОВ", "yozma soʻrov"),
            ("ғалаба, шахсга доир, чекланг, юборинг, ялпи", "gʻalaba, shaxsga doir, cheklang, yuboring, yalpi"),
        ]
        for (cyrillic, latin) in pairs {
            #expect(FeatureText.normalizedString(cyrillic) == FeatureText.normalizedString(latin), "\(cyrillic)")
        }
    }

    @Test func aRussianKeyboardsStandInsMeetTheUzbekLetters() {
        // к х г for қ ҳ ғ, as typed without an Uzbek layout.
        #expect(FeatureText.normalizedString("кандай хакида галаба") == FeatureText.normalizedString("қандай ҳақида ғалаба"))
        #expect(FeatureText.normalizedString("qanday haqida") == FeatureText.normalizedString("қандай ҳақида"))
    }

    @Test func russianStaysRussian() {
        #expect(FeatureText.normalizedString("Прошу удалить мои данные") == " prosxu udalit moi dannie ")
        #expect(FeatureText.normalizedString("Прошу удалить") != FeatureText.normalizedString("Илтимос, ўчиринг"))
    }

    @Test func caseAndPunctuationFold() {
        #expect(FeatureText.normalizedString("DELETE my data!!  Now.") == " delete my data now ")
        #expect(FeatureText.normalizedString("Şaxsiy çek") == FeatureText.normalizedString("shaxsiy chek"))
        #expect(FeatureText.normalizedString("") == " ")
    }

    @Test func signaturesAreCut() {
        #expect(FeatureText.withoutSignature("Please delete my data.\n-- \nJohn, privacy policy: …") == "Please delete my data.\n")
        #expect(FeatureText.withoutSignature("Ochiring.\nSent from my iPhone") == "Ochiring.\n")
        #expect(FeatureText.withoutSignature("No signature here.\nA second line") == "No signature here.\nA second line")
        #expect(FeatureText.withoutSignature("Text\n__________\nConfidentiality notice") == "Text\n")
    }

    @Test func wordsANegatorGovernsAreFeaturesOfTheirOwn() {
        let hasher = FeatureHasher(bits: 17)
        func buckets(_ body: String) -> Set<UInt32> {
            var list = BucketList()
            hasher.features(subject: [], body: FeatureText.normalize(body), into: &list)
            return Set(list.buckets)
        }
        // "delete" after "do not" is a feature "delete" alone never is; so is "удаляйте" after "не".
        let delete = hasher.bucket(FeatureHasher.negated(FeatureHasher.wordHash("delete")))
        #expect(buckets("please do not delete my account").contains(delete))
        #expect(buckets("Please DON'T delete my account").contains(delete))
        #expect(!buckets("please delete my account").contains(delete))
        let udalyaite = hasher.bucket(FeatureHasher.negated(FeatureHasher.wordHash("udalyayte")))
        #expect(buckets("не удаляйте аккаунт").contains(udalyaite))
        #expect(!buckets("удаляйте аккаунт").contains(udalyaite))
        // The scope is `negationScope` (3) words.
        #expect(buckets("not one two delete").contains(delete))
        #expect(!buckets("not one two three delete").contains(delete))
    }
}
