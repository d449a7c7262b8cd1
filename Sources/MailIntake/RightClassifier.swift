public import DeskCore

/// Decides the language of a message and the rights it asks for, from subject and body,
/// using the per-language `IntakeVocabulary` tables.
///
/// Each sentence is weighed: the operative sentence ("I request…", "прошу…", "iltimos…")
/// counts three times, a sentence that only cites the law ("Articles 15, 16 and 17") a third,
/// the subject twice. Quoted reply text is removed first.
public struct RightClassifier: Sendable {
    /// A vocabulary phrase in normalised form.
    struct Phrase: Sendable {
        /// A space then the normalised phrase, as UTF-8: it must start at a word start.
        let needle: [UInt8]
        let weight: Double
        /// Index of `needle` in the classifier's `PhraseIndex` (equal needles share one).
        var id = 0
    }

    /// A vocabulary prepared for matching.
    struct PreparedVocabulary: Sendable {
        let language: Language
        let rights: [(Right, [Phrase])]
        let negations: [Right: [Phrase]]
        let consentWithdrawal: [Phrase]
        let directMarketing: [Phrase]
        let operative: [Phrase]
        let citation: [Phrase]
        let markers: Set<String>
    }

    let vocabularies: [PreparedVocabulary]
    /// Every phrase of every vocabulary, for counting them all in one pass over a text.
    let index: PhraseIndex
    /// Marker words as UTF-8, per vocabulary; nil when a marker holds a scalar the fast text
    /// paths do not cover (then words are compared as `String`s, as `markers` are).
    let markerBytes: [Set<[UInt8]>]?

    /// The learned model that decides; nil = the vocabulary alone decides (the classifier before
    /// issue 13, kept for a desk without a model file and as the model's dense features).
    public let model: IntakeModel?

    /// A classifier reading `vocabularies` (all four languages by default), deciding with `model`.
    public init(vocabularies: [IntakeVocabulary] = IntakeVocabulary.all, model: IntakeModel? = nil) {
        self.model = model
        var registry = PhraseIndex.Builder()
        self.vocabularies = vocabularies.map { vocabulary in
            PreparedVocabulary(
                language: vocabulary.language,
                rights: Right.allCases.map { right in (right, registry.number(Self.prepare(vocabulary.rights[right] ?? []))) },
                negations: vocabulary.negations.mapValues { registry.number(Self.prepare($0)) },
                consentWithdrawal: registry.number(Self.prepare(vocabulary.consentWithdrawal)),
                directMarketing: registry.number(Self.prepare(vocabulary.directMarketing)),
                operative: registry.number(Self.prepare(vocabulary.operative)),
                citation: registry.number(Self.prepare(vocabulary.citation)),
                markers: Set(vocabulary.markers.map { TextNormalizer.normalize($0).trimmingSpaces })
            )
        }
        index = registry.build()
        let simpleMarkers = self.vocabularies.allSatisfy { $0.markers.allSatisfy(TextNormalizer.isSimple) }
        markerBytes = simpleMarkers ? self.vocabularies.map { Set($0.markers.map { Array($0.utf8) }) } : nil
    }

    static func prepare(_ phrases: [String]) -> [Phrase] {
        phrases.map { phrase in
            var text = String(TextNormalizer.normalize(phrase).dropFirst())
            if !phrase.hasSuffix(" "), text.hasSuffix(" ") { text.removeLast() }
            let words = text.split(separator: " ").count
            return Phrase(needle: Array((" " + text).utf8), weight: 1 + 0.25 * Double(max(0, words - 1)))
        }.filter { $0.needle.count > 1 }
    }

    /// Classifies a parsed message: automated mail gets no rights (a rule: a bounce or an
    /// auto-reply never becomes a request), but with a model it still gets the model's
    /// suggestions, since a web form's notification is sometimes marked automated too.
    public func classify(_ message: ParsedMessage) -> Classification {
        let body = QuotedTextStripper.requestText(message.textBody, subject: message.subject)
        if let reason = AutomatedMailDetector.reason(for: message) {
            let suggested = model == nil ? [] : classify(subject: message.subject, body: body).suggested
            return Classification(language: detectLanguage(message.subject + "\n" + body), rights: [],
                                  consentWithdrawal: false, directMarketing: false, scores: [:],
                                  confidence: 0, automatedReason: reason, suggested: suggested)
        }
        return classify(subject: message.subject, body: body)
    }

    /// Classifies a subject and a body that is already free of quoted text.
    public func classify(subject: String, body: String) -> Classification {
        let vocabulary = vocabularyScores(subject: subject, body: body)
        let language = detectLanguage(subject + "\n" + body)
        if let model {
            return Self.decide(model: model, vocabulary: vocabulary, language: language, subject: subject, body: body)
        }
        let scores = vocabulary.scores
        let best = scores.values.max() ?? 0
        let rights = scores
            .filter { $0.value >= 1.0 && $0.value >= best * 0.4 }
            .sorted { lhs, rhs in
                lhs.value != rhs.value ? lhs.value > rhs.value : (vocabulary.firstSeen[lhs.key] ?? 0) < (vocabulary.firstSeen[rhs.key] ?? 0)
            }
            .map(\.key)
        let total = scores.values.reduce(0, +)
        let confidence = rights.isEmpty || total == 0 ? 0 : min(1, best / total * min(1, best / 3))
        let isObjection = rights.contains(.objection)
        return Classification(
            language: language,
            rights: rights,
            consentWithdrawal: vocabulary.consentWithdrawal && isObjection,
            directMarketing: vocabulary.directMarketing && isObjection,
            scores: scores,
            confidence: confidence,
            automatedReason: nil,
            suggested: Self.suggestions(scores)
        )
    }

    /// Each right's share of all the scores, best first (equal shares in `Right` order).
    static func suggestions(_ scores: [Right: Double]) -> [RightScore] {
        let total = scores.values.reduce(0, +)
        guard total > 0 else { return [] }
        var found: [(order: Int, score: RightScore)] = []
        for (order, right) in Right.allCases.enumerated() {
            guard let score = scores[right], score > 0 else { continue }
            found.append((order, RightScore(right: right, probability: score / total)))
        }
        found.sort { lhs, rhs in
            lhs.score.probability != rhs.score.probability ? lhs.score.probability > rhs.score.probability : lhs.order < rhs.order
        }
        return found.map(\.score)
    }

    /// The vocabulary's phrase scores of a subject and a body already free of quoted text.
    public func vocabularyScores(subject: String, body: String) -> VocabularyScores {
        var scores: [Right: Double] = [:]
        var firstSeen: [Right: Int] = [:]
        var negated: Set<Right> = []
        var consent = false
        var marketing = false
        var order = 0

        // Every phrase is counted once per sentence, in one pass (`PhraseIndex`); the counts are
        // those of `TextNormalizer.count`.
        var counter = PhraseIndex.Counter(index)
        var weighted: [(PhraseIndex.Counts, Double)] = []
        let cleanSubject = Self.subjectWithoutPrefixes(subject)
        if !cleanSubject.isEmpty { weighted.append((counter.count(in: TextNormalizer.normalizedBytes(cleanSubject)), 2)) }
        let bodyPrefix = body.utf8.count <= 20_000 ? body : String(body.prefix(20_000))
        for sentence in TextNormalizer.sentences(bodyPrefix).prefix(400) {
            let hits = counter.count(in: TextNormalizer.normalizedBytes(sentence))
            let operative = vocabularies.contains { $0.operative.contains { hits[$0.id] > 0 } }
            let citing = vocabularies.contains { $0.citation.contains { hits[$0.id] > 0 } }
            weighted.append((hits, operative ? 3 : (citing ? 0.3 : 1)))
        }

        for (hits, sentenceWeight) in weighted {
            for vocabulary in vocabularies {
                for (right, phrases) in vocabulary.rights {
                    var sentenceScore = 0.0
                    for phrase in phrases {
                        let count = hits[phrase.id]
                        guard count > 0 else { continue }
                        sentenceScore += phrase.weight * sentenceWeight * Double(min(count, 3))
                    }
                    guard sentenceScore > 0 else { continue }
                    var negations = 0
                    for negation in vocabulary.negations[right] ?? [] {
                        negations += hits[negation.id]
                        sentenceScore -= sentenceWeight * Double(hits[negation.id])
                    }
                    if negations > 0 { negated.insert(right) }
                    guard sentenceScore > 0 else { continue }
                    scores[right, default: 0] += sentenceScore
                    if firstSeen[right] == nil { firstSeen[right] = order; order += 1 }
                }
                for phrase in vocabulary.consentWithdrawal where hits[phrase.id] > 0 {
                    consent = true
                    scores[.objection, default: 0] += 2 * phrase.weight * sentenceWeight
                    if firstSeen[.objection] == nil { firstSeen[.objection] = order; order += 1 }
                }
                if vocabulary.directMarketing.contains(where: { hits[$0.id] > 0 }) {
                    marketing = true
                }
            }
        }
        // A right that was only ever negated ("do not delete") is not asked for.
        negated.subtract(scores.keys)
        return VocabularyScores(scores: scores, firstSeen: firstSeen, negated: negated,
                                consentWithdrawal: consent, directMarketing: marketing)
    }

    /// Uzbek Cyrillic vs Russian by ў қ ғ ҳ and marker words; Uzbek Latin vs English by marker words.
    public func detectLanguage(_ text: String) -> Language? {
        var cyrillic = 0
        var latin = 0
        var uzbekLetters = 0
        var russianLetters = 0
        for scalar in text.unicodeScalars.prefix(20_000) {
            switch scalar.value {
            case 0x0400...0x04FF:
                cyrillic += 1
                switch scalar.value {
                case 0x045E, 0x049B, 0x0493, 0x04B3, 0x040E, 0x049A, 0x0492, 0x04B2: uzbekLetters += 1  // ўқғҳЎҚҒҲ
                case 0x044B, 0x0449, 0x042B, 0x0429: russianLetters += 1  // ыщЫЩ
                default: break
                }
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        guard cyrillic + latin >= 3 else { return nil }
        let prefix = text.utf8.count <= 20_000 ? text : String(text.prefix(20_000))
        let markerScore: (Language) -> Int
        if let markerBytes, TextNormalizer.isSimple(prefix) {
            // Words as UTF-8 (the text holds no scalar for which String equality differs from bytes).
            let words = TextNormalizer.normalizedBytes(prefix).split(separator: 0x20).map(Array.init)
            markerScore = { language in
                guard let position = vocabularies.firstIndex(where: { $0.language == language }) else { return 0 }
                return words.reduce(0) { $0 + (markerBytes[position].contains($1) ? 1 : 0) }
            }
        } else {
            let words = TextNormalizer.normalize(prefix).split(separator: " ").map(String.init)
            markerScore = { language in
                guard let vocabulary = vocabularies.first(where: { $0.language == language }) else { return 0 }
                return words.reduce(0) { $0 + (vocabulary.markers.contains($1) ? 1 : 0) }
            }
        }
        if cyrillic > latin {
            let uzbek = uzbekLetters * 3 + markerScore(.uzbekCyrillic)
            let russian = russianLetters + markerScore(.russian)
            return uzbek > russian ? .uzbekCyrillic : .russian
        }
        let uzbek = markerScore(.uzbekLatin) + Self.uzbekLatinDigraphs(text) * 2
        let english = markerScore(.english)
        return uzbek > english ? .uzbekLatin : .english
    }

    /// Count of oʻ / gʻ written with any apostrophe: a strong sign of Uzbek Latin.
    static func uzbekLatinDigraphs(_ text: String) -> Int {
        if text.utf8.count <= 20_000, TextNormalizer.isSimple(text) {
            // Each scalar is a character here: the same count without grapheme breaking.
            var count = 0
            var previous: Unicode.Scalar = " "
            for scalar in text.unicodeScalars {
                if TextNormalizer.tableEntry(scalar.value)?.mapped == TextNormalizer.dropped,
                   previous == "o" || previous == "g" || previous == "O" || previous == "G" {
                    count += 1
                }
                previous = scalar
            }
            return count
        }
        var count = 0
        var previous: Character = " "
        for character in text.prefix(20_000) {
            if TextNormalizer.apostrophes.contains(character), previous == "o" || previous == "g" || previous == "O" || previous == "G" {
                count += 1
            }
            previous = character
        }
        return count
    }

    /// The subject without `Re:`, `Fwd:`, `Ответ:`, `Javob:` prefixes.
    static func subjectWithoutPrefixes(_ subject: String) -> String {
        var text = subject.trimmingSpaces
        // Every prefix ends in a colon, which lower-casing neither makes nor removes.
        guard text.utf8.contains(0x3A) else { return text }
        let prefixes = ["re:", "fw:", "fwd:", "aw:", "ответ:", "отв:", "пересл:", "javob:", "жавоб:"]
        var changed = true
        var rounds = 0
        while changed && rounds < 10 {
            changed = false
            rounds += 1
            var lower = text.lowercased()
            for prefix in prefixes where lower.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingSpaces
                lower = text.lowercased()
                changed = true
            }
        }
        return text
    }
}
