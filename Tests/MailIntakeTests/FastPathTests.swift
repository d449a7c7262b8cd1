import Foundation
import Testing
@testable import MailIntake

/// The fast (scalar, byte, indexed) paths give exactly what the character-level definitions give.
@Suite struct FastPathTests {
    /// Scalars of every table, plus ones left to the slow path, and the characters mail is made of.
    static let alphabet: [String] = {
        var pieces: [String] = []
        for value in stride(from: 0x20, to: 0x530, by: 1) { if let scalar = Unicode.Scalar(value) { pieces.append(String(scalar)) } }
        for value in 0x2000..<0x2070 { if let scalar = Unicode.Scalar(value) { pieces.append(String(scalar)) } }
        pieces += ["\n", "\n\n", "\r\n", "\t", " ", ". ", "! ", "? ", "; ", "e\u{301}", "\u{200D}", "İ", "Ω", "😀", "日本",
                   "oʻ", "gʻ", "O'", "G’", "DSAR-2026-000123", "Прошу ", "удалить ", "iltimos", "ma'lumot", "Hello"]
        return pieces
    }()

    /// Texts built deterministically from the alphabet (a linear congruential generator).
    static func texts(count: Int, length: Int, simpleOnly: Bool) -> [String] {
        texts(simpleOnly ? alphabet.filter(TextNormalizer.isSimple) : alphabet, count: count, length: length)
    }

    /// `count` texts of `length` pieces each, drawn from `pieces`.
    static func texts(_ pieces: [String], count: Int, length: Int) -> [String] {
        var state: UInt64 = 0x2026_0547
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            return text
        }
    }

    @Test func normalizingEveryTableScalarMatchesTheCharacterLevelDefinition() {
        for value in UInt32(0)..<0x2100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(scalar) + "b"
            #expect(TextNormalizer.normalizedBytes(text) == Array(TextNormalizer.normalize(text).utf8), "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: [true, false])
    func normalizingAndSentencesMatchOnMixedTexts(simpleOnly: Bool) {
        for text in Self.texts(count: 400, length: 60, simpleOnly: simpleOnly) {
            #expect(TextNormalizer.normalizedBytes(text) == Array(TextNormalizer.normalize(text).utf8))
            #expect(TextNormalizer.sentences(text) == TextNormalizer.characterSentences(text))
        }
    }

    @Test func uppercaseAfterAStopStartsASentenceOnTheFastPath() {
        let text = "Art. 15 applies. Прошу удалить! iltimos; Ёлкин end.\n\nSecond paragraph? yes"
        #expect(TextNormalizer.fastSentences(text) != nil)
        #expect(TextNormalizer.sentences(text) == TextNormalizer.characterSentences(text))
        #expect(TextNormalizer.sentences(text).count == 6)
    }

    @Test func phraseCountsMatchTextNormalizerCount() {
        let classifier = RightClassifier()
        var counter = PhraseIndex.Counter(classifier.index)
        var texts = Self.texts(count: 200, length: 40, simpleOnly: false)
        texts += ["delete delete delete delete", "sar sar dsar sar", String(repeating: "удалить ", count: 30)]
        for text in texts {
            let normalized = TextNormalizer.normalizedBytes(text)
            let counts = counter.count(in: normalized)
            for (id, needle) in classifier.index.needles.enumerated() {
                #expect(counts[id] == TextNormalizer.count(needle, in: normalized))
            }
        }
    }

    @Test func digraphsMatchTheCharacterCount() {
        for text in Self.texts(count: 200, length: 40, simpleOnly: false) + ["oʻgʻil O'G’ g`a", "o\u{301}ʻ", "o\r\nʻ"] {
            var count = 0
            var previous: Character = " "
            for character in text {
                if TextNormalizer.apostrophes.contains(character), "ogOG".contains(previous) { count += 1 }
                previous = character
            }
            #expect(RightClassifier.uzbekLatinDigraphs(text) == count)
        }
    }

    @Test func isoInstantIsWhatISO8601DateFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        var seconds = -2_208_988_800.0  // 1900
        while seconds < 4_102_444_800 {  // 2100
            let date = Date(timeIntervalSince1970: seconds)
            #expect(IntakeRecord.isoInstant(date) == formatter.string(from: date))
            seconds += 7_654_321.5
        }
        #expect(IntakeRecord.isoInstant(Date(timeIntervalSince1970: 1_772_428_500)) == "2026-03-02T05:15:00Z")
    }

    @Test func headerLookupIgnoresCaseWithoutChangingWhatIsFound() {
        let fields = [HeaderField(name: "CONTENT-type", value: " text/plain "), HeaderField(name: "Subject", value: "a"),
                      HeaderField(name: "subject", value: "b"), HeaderField(name: "Х-Имя", value: "c")]
        #expect(fields.value(of: "content-TYPE") == "text/plain")
        #expect(fields.value(of: "SUBJECT") == "a")
        #expect(fields.value(of: "х-имя") == "c")
        #expect(fields.value(of: "Subjec") == nil)
    }
}
