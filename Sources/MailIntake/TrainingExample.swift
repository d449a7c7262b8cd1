import DeskCore

/// A labelled message made ready for training and scoring: its label, its raw bytes (to be read
/// by the whole intake when evaluated), and its features as the model sees them.
public struct TrainingExample: Sendable {
    /// Sorts examples into the one order training visits them in (e.g. `ru/0001.eml`).
    public let key: String
    public let label: CorpusLabel
    /// The message as it arrived.
    public let raw: [UInt8]
    /// Normalised subject and body (`FeatureHasher.texts`).
    let subject: [UInt8]
    let body: [UInt8]
    /// `IntakeModel.denseFeatures` of the vocabulary's scores.
    let dense: [Double]
    /// Distinct buckets, ascending, and the value of each (occurrences / √all occurrences).
    let buckets: [UInt32]
    let values: [Float]

    /// Reads one labelled message; nil when it cannot be parsed (it would be quarantined).
    public init?(key: String, label: CorpusLabel, raw: [UInt8], bits: Int, vocabulary: RightClassifier) {
        guard let message = try? MIMEParser.parse(raw) else { return nil }
        let body = QuotedTextStripper.requestText(message.textBody, subject: message.subject)
        self.init(key: key, label: label, raw: raw, subject: message.subject, body: body, bits: bits, vocabulary: vocabulary)
    }

    /// A labelled subject and body (quoted text already removed).
    public init(key: String, label: CorpusLabel, raw: [UInt8], subject: String, body: String, bits: Int,
                vocabulary: RightClassifier) {
        self.key = key
        self.label = label
        self.raw = raw
        let texts = FeatureHasher.texts(subject: subject, body: body)
        self.subject = texts.subject
        self.body = texts.body
        dense = IntakeModel.denseFeatures(vocabulary.vocabularyScores(subject: subject, body: body))
        var list = BucketList()
        FeatureHasher(bits: bits).features(subject: texts.subject, body: texts.body, into: &list)
        let sorted = list.buckets.sorted()
        let norm = Float(IntakeModel.norm(sorted.count))
        var buckets: [UInt32] = []
        var values: [Float] = []
        var index = 0
        while index < sorted.count {
            var next = index + 1
            while next < sorted.count && sorted[next] == sorted[index] { next += 1 }
            buckets.append(sorted[index])
            values.append(Float(next - index) * norm)
            index = next
        }
        self.buckets = buckets
        self.values = values
    }

    /// What the model must learn, a distribution over the outputs (six rights, then "not a
    /// request"): the one right, or the primary `primaryShare` and the others the rest between them.
    func targets(primaryShare: Float) -> [Float] {
        var targets = [Float](repeating: 0, count: IntakeModel.outputs)
        let rights = label.kind == .request ? label.rights : []
        guard let primary = rights.first, let index = Right.allCases.firstIndex(of: primary) else {
            targets[IntakeModel.noneOutput] = 1
            return targets
        }
        guard rights.count > 1 else {
            targets[index] = 1
            return targets
        }
        targets[index] = primaryShare
        for right in rights.dropFirst() {
            if let other = Right.allCases.firstIndex(of: right) { targets[other] += (1 - primaryShare) / Float(rights.count - 1) }
        }
        return targets
    }
}
