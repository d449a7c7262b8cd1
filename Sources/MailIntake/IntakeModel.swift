public import DeskCore

/// The learned part of the classifier: multinomial logistic regression (softmax) over
/// `FeatureHasher`'s hashed n-grams and the vocabulary's phrase scores, with seven outputs — one
/// per right and one for "not a request" — and a calibration that turns the outputs into the
/// probability that creating a request with the top right is right.
///
/// A message asking for two rights is learned as a shared target (the primary
/// `Parameters.primaryShare`, 0.5, the others the rest between them), so a second right keeps a clear share and is created beside the first.
///
/// Weights are stored quantised (int8 per bucket and output, one scale per output), bucket-major
/// so that one feature reads seven neighbouring bytes. `IntakeModelTrainer` makes a model;
/// `serialized()` / `init(serialized:)` are the data file (`Models/intake.model`).
public struct IntakeModel: Sendable {
    /// Outputs: the six rights in `Right.allCases` order, then "not a request".
    public static let outputs = Right.allCases.count + 1
    static let noneOutput = Right.allCases.count
    /// Coefficients of the calibration: an intercept and one per `Scores.calibrationInputs`.
    static let calibrationCount = 5
    /// The dense features: the vocabulary's score of each right, which right it found first,
    /// then consent withdrawal and direct marketing.
    public static let denseCount = 2 * Right.allCases.count + 2

    /// log2 of the number of hashed buckets.
    public let bits: Int
    /// `outputs` int8 weights per bucket, bucket-major.
    let weights: [Int8]
    /// Per output: the weight of one int8 step.
    let scales: [Float]
    /// Per output: the intercept.
    let biases: [Float]
    /// `denseCount × outputs` weights of the dense features, feature-major.
    let denseWeights: [Float]
    /// The calibration: P(auto-creating with the top right is correct)
    /// = σ(c0 + c1·top logit + c2·(top − second logit) + c3·request logit).
    public let calibration: [Double]
    /// The calibrated probability a message must reach to become requests without a person.
    public let threshold: Double
    /// How many labelled messages the model was trained on.
    public let trainingMessages: Int

    /// The outputs for one message.
    public struct Scores: Sendable, Hashable {
        /// Logit per output (`IntakeModel.outputs`).
        public let logits: [Double]
        /// The right the vocabulary scored highest (index in `Right.allCases`), if it found any.
        public let vocabularyTop: Int?
        /// The softmax of the logits: per right, then "not a request".
        public var probabilities: [Double] { softmax(logits) }
        /// Per right, the probability that it is the message's (primary) right.
        public var rightProbabilities: [Double] { Array(probabilities.prefix(Right.allCases.count)) }
        /// The probability that the message is no request at all.
        public var noneProbability: Double { probabilities[IntakeModel.noneOutput] }
        /// The right to be done first when the order words (`orderedFirst`) or, of the two most
        /// probable rights, the one asked first (`askedFirst`) say it is not the most probable one.
        public var askedFirst: Int? = nil
        /// Rights by probability, best first (ties in `Right.allCases` order), except that
        /// `askedFirst` leads.
        public var ranked: [(Right, Double)] {
            let probabilities = rightProbabilities
            var order = Right.allCases.indices
                .sorted { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
            if let askedFirst, let position = order.firstIndex(of: askedFirst), position > 0 {
                order.remove(at: position)
                order.insert(askedFirst, at: 0)
            }
            return order.map { (Right.allCases[$0], probabilities[$0]) }
        }
        /// The calibration inputs: the top right's log-odds, its logit's margin over the second
        /// right's and over "not a request", and whether the hand-written vocabulary's best right
        /// is the same (two readers that agree are wrong far less often than either alone).
        public var calibrationInputs: [Double] {
            let rightLogits = Array(logits.prefix(Right.allCases.count)).sorted(by: >)
            let probabilities = rightProbabilities
            let best = askedFirst ?? probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
            let top = min(max(probabilities[best], 1e-9), 1 - 1e-9)
            return [(top / (1 - top)).logarithm, rightLogits[0] - rightLogits[1], rightLogits[0] - logits[IntakeModel.noneOutput],
                    vocabularyTop == best ? 1 : 0]
        }
    }

    init(bits: Int, weights: [Int8], scales: [Float], biases: [Float], denseWeights: [Float],
         calibration: [Double], threshold: Double, trainingMessages: Int) {
        self.bits = bits
        self.weights = weights
        self.scales = scales
        self.biases = biases
        self.denseWeights = denseWeights
        self.calibration = calibration
        self.threshold = threshold
        self.trainingMessages = trainingMessages
    }

    /// Sums the int8 weights of every feature occurrence, per output, as the hasher finds them.
    struct Accumulator: FeatureSink {
        let weights: UnsafeBufferPointer<Int8>
        var sums = (Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0))
        var count = 0

        @inline(__always)
        mutating func add(_ bucket: UInt32) {
            let base = Int(bucket) &* IntakeModel.outputs
            sums.0 &+= Int32(weights[base])
            sums.1 &+= Int32(weights[base &+ 1])
            sums.2 &+= Int32(weights[base &+ 2])
            sums.3 &+= Int32(weights[base &+ 3])
            sums.4 &+= Int32(weights[base &+ 4])
            sums.5 &+= Int32(weights[base &+ 5])
            sums.6 &+= Int32(weights[base &+ 6])
            count &+= 1
        }

        var array: [Int32] { [sums.0, sums.1, sums.2, sums.3, sums.4, sums.5, sums.6] }
    }

    /// The outputs for a normalised subject and body and the message's dense features.
    public func scores(subject: [UInt8], body: [UInt8], dense: [Double]) -> Scores {
        let hasher = FeatureHasher(bits: bits)
        let (sums, count): ([Int32], Int) = weights.withUnsafeBufferPointer { buffer in
            var accumulator = Accumulator(weights: buffer)
            hasher.features(subject: subject, body: body, into: &accumulator)
            return (accumulator.array, accumulator.count)
        }
        let norm = IntakeModel.norm(count)
        var logits = [Double](repeating: 0, count: Self.outputs)
        for output in 0..<Self.outputs {
            var logit = Double(biases[output]) + Double(scales[output]) * Double(sums[output]) * norm
            for feature in 0..<Self.denseCount {
                logit += Double(denseWeights[feature * Self.outputs + output]) * dense[feature]
            }
            logits[output] = logit
        }
        let vocabularyScores = dense.prefix(Right.allCases.count)
        let vocabularyBest = vocabularyScores.indices.max { vocabularyScores[$0] < vocabularyScores[$1] }
        var scores = Scores(logits: logits, vocabularyTop: vocabularyBest.flatMap { vocabularyScores[$0] > 0 ? $0 : nil })
        let probabilities = scores.rightProbabilities
        let top = probabilities.indices.sorted { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
        if let ordered = Self.orderedFirst(ranking: top, probabilities: probabilities, subject: subject, body: body) {
            scores.askedFirst = ordered
        } else if let erasureFirst = Self.erasureBeforeObjection(top, probabilities) {
            scores.askedFirst = erasureFirst
        } else if probabilities[top[1]] >= Self.askedFirstProbability {
            scores.askedFirst = askedFirst(top[0], top[1], subject: subject, body: body)
        }
        return scores
    }

    /// Every occurrence weighs 1/√n, n the message's number of occurrences (a length-free scale).
    static func norm(_ count: Int) -> Double { count == 0 ? 0 : 1 / Double(count).squareRoot() }

    /// The calibrated probability that auto-creating with the top right is correct.
    public func confidence(_ scores: Scores) -> Double {
        Self.calibrated(scores.calibrationInputs, calibration)
    }

    static func calibrated(_ inputs: [Double], _ coefficients: [Double]) -> Double {
        var z = coefficients[0]
        for (index, input) in inputs.enumerated() { z += coefficients[index + 1] * input }
        return sigmoid(z)
    }

    /// The vocabulary's view of a message as dense features (scores compressed by log).
    public static func denseFeatures(_ vocabulary: VocabularyScores) -> [Double] {
        var dense = Right.allCases.map { right -> Double in
            let score = vocabulary.scores[right] ?? 0
            return score > 0 ? (1 + score).logarithm / 2 : 0
        }
        let first = vocabulary.firstSeen.min { $0.value < $1.value }?.key
        dense += Right.allCases.map { $0 == first ? 1 : 0 }
        dense.append(vocabulary.consentWithdrawal ? 1 : 0)
        dense.append(vocabulary.directMarketing ? 1 : 0)
        return dense
    }
}

/// The softmax of `logits`, shifted by the largest for stability.
func softmax(_ logits: [Double]) -> [Double] {
    let largest = logits.max() ?? 0
    let exponentials = logits.map { ($0 - largest).exponential }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// σ(z), without overflow for large |z|.
func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + (-z).exponential) : z.exponential / (1 + z.exponential)
}

extension Double {
    /// e^self, through the standard library's `Float80`-free path (no Foundation in MailIntake).
    var exponential: Double {
        // exp by range reduction: e^x = 2^k · e^r, |r| ≤ ln2/2, with a degree-13 Taylor series.
        if self > 709 { return .infinity }
        if self < -745 { return 0 }
        let ln2 = 0.693_147_180_559_945_309_4
        let k = (self / ln2).rounded()
        let r = self - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...13 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    /// ln(self) for self > 0: ln(m·2^e) = e·ln2 + ln m, ln m by the atanh series.
    var logarithm: Double {
        guard self > 0 else { return -.infinity }
        let exponent = Double(self.exponent)
        let mantissa = self.significand  // 1 ≤ m < 2
        let y = (mantissa - 1) / (mantissa + 1)
        let y2 = y * y
        var term = y
        var sum = 0.0
        var n = 1.0
        while n < 60 {
            sum += term / n
            term *= y2
            n += 2
        }
        return exponent * 0.693_147_180_559_945_309_4 + 2 * sum
    }
}
