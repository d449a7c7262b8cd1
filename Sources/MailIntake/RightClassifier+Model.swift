import DeskCore

extension RightClassifier {
    /// Rights at or above this probability are asked for besides the primary one.
    static let secondaryProbability = 0.2
    /// Rights suggested to a person: every right at or above this probability (the best always).
    static let suggestedProbability = 0.05

    /// The learned model's decision, with the four rules kept where a rule is clearer than a weight:
    ///
    /// - **Negation**: a right the vocabulary found only negated ("do not delete my data, only
    ///   restrict…") is never created nor suggested first: one word turns the request around, and
    ///   n-grams weigh "delete" the same with or without "do not".
    /// - **Consent withdrawal** and **direct marketing** are flags of an objection set by the
    ///   vocabulary's phrases, as the law names them; the model decides only that it is an objection.
    /// - **Every right the vocabulary finds** (not negated) must be among the rights created for
    ///   the desk to create them without a person: a message the two readers see different rights
    ///   in would get a request too few, or the wrong primary one ("I withdraw my consent; remove my
    ///   photo from the site" read as an objection alone). Measured, 1,415 messages, 5 folds by
    ///   writer: 237 auto-created, none wrong, against 306 with one wrong (1.1 % of uz-Cyrl's 87).
    static func vocabularyAgrees(_ vocabulary: VocabularyScores, with rights: [Right]) -> Bool {
        rightsOnlyTheVocabularyNames(vocabulary, besides: rights).isEmpty
    }

    /// The rights the vocabulary finds (not negated) that are not among `rights`, in `Right` order.
    static func rightsOnlyTheVocabularyNames(_ vocabulary: VocabularyScores, besides rights: [Right]) -> [Right] {
        Right.allCases.filter { right in
            (vocabulary.scores[right] ?? 0) > 0 && !vocabulary.negated.contains(right) && !rights.contains(right)
        }
    }

    static func decide(model: IntakeModel, vocabulary: VocabularyScores, language: Language?,
                       subject: String, body: String) -> Classification {
        let texts = FeatureHasher.texts(subject: subject, body: body)
        let scores = model.scores(subject: texts.subject, body: texts.body, dense: IntakeModel.denseFeatures(vocabulary))
        let ranked = scores.ranked.filter { !vocabulary.negated.contains($0.0) }
        var suggested: [RightScore] = []
        for (index, (right, probability)) in ranked.enumerated() where index == 0 || probability >= suggestedProbability {
            suggested.append(RightScore(right: right, probability: probability))
        }
        let isRequest = scores.noneProbability < 0.5
        var rights: [Right] = []
        if isRequest, let primary = ranked.first {
            rights.append(primary.0)
            for (right, probability) in ranked.dropFirst() where probability >= secondaryProbability { rights.append(right) }
        }
        // The calibrated confidence describes the model's top right; when a negation removed it,
        // the remaining guess has not been calibrated and goes to a person.
        let confidence = model.confidence(scores)
        let topNegated = scores.ranked.first.map { vocabulary.negated.contains($0.0) } ?? false
        let isObjection = rights.contains(.objection)
        let doubt = rights.isEmpty ? nil : doubt(model: model, vocabulary: vocabulary, rights: rights,
                                                  confidence: confidence, negatedTop: topNegated ? scores.ranked.first?.0 : nil)
        return Classification(
            language: language, rights: rights,
            consentWithdrawal: vocabulary.consentWithdrawal && isObjection,
            directMarketing: vocabulary.directMarketing && isObjection,
            scores: Dictionary(uniqueKeysWithValues: scores.ranked.map { ($0.0, $0.1) }),
            confidence: topNegated ? 0 : confidence, automatedReason: nil, suggested: suggested, doubt: doubt)
    }

    /// Why a message asking for `rights` may not become requests without a person; nil when it may.
    static func doubt(model: IntakeModel, vocabulary: VocabularyScores, rights: [Right], confidence: Double,
                      negatedTop: Right?) -> ClassifierDoubt? {
        if let negatedTop { return .negated(negatedTop) }
        if confidence < model.threshold { return .belowThreshold(confidence: confidence, threshold: model.threshold) }
        let alsoNamed = rightsOnlyTheVocabularyNames(vocabulary, besides: rights)
        return alsoNamed.isEmpty ? nil : .wordingAlsoNames(alsoNamed)
    }
}
