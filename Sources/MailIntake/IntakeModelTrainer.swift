import DeskCore

/// Trains an `IntakeModel` from labelled messages, deterministically: the examples are visited in
/// the order of their keys shuffled by a fixed generator, with fixed hyper-parameters, in one
/// thread, so the same corpus gives the same file byte for byte.
///
/// Calibration and threshold are never fitted on scores of messages a model was trained on: the
/// corpus is split into folds by writer, a model trained without each fold scores it, and those
/// out-of-fold scores fit the calibration and choose the threshold. The shipped model is then
/// trained on everything and carries that calibration and threshold.
public enum IntakeModelTrainer {
    /// The fixed hyper-parameters.
    public struct Parameters: Sendable, Hashable {
        /// log2 of the hashed buckets (17: 131,072 buckets × 7 outputs = 917 KB of int8, which
        /// also stays in a core's cache while mail is read; 18 and 20 bits measured no better).
        public var bits = 17
        /// 30 epochs with an even primary share (0.5) measured 89.7 % primary right cross-validated
        /// and 157 of 779 requests auto-created, none wrong, against 88.6 %, 162 and 1.2 % wrong
        /// for 10 epochs at 0.6 (`dsar intake evaluate Tests/MailIntakeTests/Corpus --folds 5`).
        /// 60 epochs measured 90.1 % and 196 created but one wrong (uz 1/52), and with `l2` 5e-5
        /// 90.8 % and 244 created, one wrong (uz 1/69): over the 1 % per language, so 30 stays.
        public var epochs = 30
        /// Feature values are occurrences / √(all occurrences), small: the rate is large to match.
        /// 10 with `l2` 4e-4 (below); 5 and 20 measured within two messages of it.
        public var learningRate: Float = 10
        /// L2 penalty, applied to the weights a message touches as it is learned. With 1e-5 the
        /// model was sure of one right where a message asks for two (erasure 100 %, access 0 for
        /// "send me a copy, then delete") and of wrong rights in plain words. Primary right,
        /// 1,415 messages, 5 folds by writer, 30 epochs (session 7; rate 5 / 10 / 20):
        /// 1e-5 — / 915 / 917; 1e-4 933 / 933 / 927; 2e-4 938 / 941 / 943; 4e-4 939 / 947 / 946;
        /// 1e-3 940 / 945 / 941 of 1,007; 60 epochs no better (1e-4: 932 / 939 / 930; 2e-4 939 /
        /// 943). A plateau from 2e-4 to 1e-3; 4e-4 is in its middle. (Earlier: 1e-6 89.0 %.) With
        /// the negated words (957 at 4e-4, rate 10): 2e-4 946, 1e-3 950; rate 5 935, 20 949.
        /// Those figures are of one split; on four (`--deal 0…3`, 1,448 messages, 1,036 requests)
        /// 4e-4 at rate 10 averaged 976.8 (976 / 984 / 970 / 977), 2e-4 967.0, 1e-3 973.8, rate 5
        /// 969.5: the choice holds across splits, and one split's figure moves by ±1 % (session 7).
        public var l2: Float = 4e-4
        /// A message asking for two or more rights is learned as this share for its primary right
        /// and the rest split between the others. 0.7 measured 687/779 and 2 wrong of 127 created
        /// against 701/779 and none for 0.5 (1,142 messages, 5 folds by writer): the order of two
        /// rights is left to `IntakeModel.askedFirst`. (Also measured then and not kept: the first
        /// five letters of each word as an extra hashed word and word-pair feature, for Uzbek and
        /// Russian endings: 700/779, one wrong.) With `l2` 4e-4, 0.6 and 0.7 measured 949 and 948
        /// of 1,007 against 947: noise, so 0.5 stays. Also measured with `l2` 4e-4 and not kept:
        /// averaging the weights over the epochs (944), the subject's own namespace left out
        /// (945), character 3–5-grams (938) or 2–6-grams (942), the vocabulary's dense features
        /// left out (934) or tripled (922). With the negated words as well (957): words and word
        /// pairs counted twice (954), words alone twice (950), negated words twice (946). Session 7,
        /// second round, 1,415 messages, deal 0, against 957: **one-vs-rest** (a sigmoid per output,
        /// every asked right a target of 1, the rules unchanged) 943 at rate 10, 951 at 20, 956 at
        /// 20 with `l2` 2e-4, 953 at 40; primary 1 and others 0.7, 946; word pairs one word apart
        /// as features too, 952 (`l2` 2e-4: 940, 8e-4: 945). Session 8, with the threshold of
        /// `wrongRateTarget`: **NB weighting** (NBSVM, Wang & Manning 2012: each bucket's value scaled
        /// by its largest naive-Bayes log-count ratio, one output against the rest, over its mean,
        /// folded into the stored weights) 957 of 1,007 against 956, with β 0.5 (half-way to 1) 947
        /// and one wrong; on the 1,460 messages of s7-i13b, deals 0–3, 999 / 991 / 989 / 1,001 of
        /// 1,048 against 991 / 990 / 984 / 991 (+0.6 %), but 2 / 1 / 0 / 0 ru hard negatives
        /// created against 1 / 0 / 0 / 0 (2.2 % of ru's 90): not kept. A "?" as a word of its own
        /// (questions about a right are often no request): 949 and 2 wrong (uz, ru).
        public var primaryShare: Float = 0.5
        /// Models trained on as many visiting orders (the generator seeded per model), whose
        /// weights are averaged before quantisation: one linear model again, so reading mail costs
        /// what it did (averaged logits, not averaged probabilities); 1 is the single model of
        /// before, byte for byte. One order's SGD leaves noise in the weights that the average
        /// removes. Primary right of 1,007, 5 folds by writer, `--deal 0 / 1 / 2 / 3` (session 9,
        /// 1,415 messages): 1 model 956 / 950 / 952 / 948 (mean 951.5); 3 models 960 / 960 / 959 /
        /// 951 (957.5, +0.6 %); 5 models 960 / 958 / 958 / 950 (956.5); 8 models 962 / 955 / 960 /
        /// 948 (956.25). With 3 models and `wrongRateTarget` 0.003, deal 1
        /// created 314 requests, none wrong, but deal 0 created 316 with one ru hard negative among
        /// them (1.2 % of ru's 83); with the target at 0.002 (below) deals 0 / 1 create 259 / 256,
        /// none wrong, every hard negative triaged, 960 / 960 primary right: kept, at the cost of
        /// about 35 requests a deal more for a person. Training takes `bags` times as long.
        public var bags = 3
        /// Folds for the out-of-fold scores that calibrate the model.
        public var folds = 5
        /// The threshold is the lowest calibrated probability at which the out-of-fold messages at
        /// or above it would be wrong (another primary right, or no request) at most this often *by
        /// their calibrated probabilities*: the mean of (1 − p) over them, a smooth estimate that
        /// no single message moves. Until session 7 the count of wrong ones chose it, against a
        /// quarter of the 1 %: one wrong message among the few hundred at the top lifted
        /// it, and retrained on 45 more messages (1,460) it rose from 0.9988 to 0.9992 and the
        /// desk created 154 requests of 1,048 out of fold instead of 235, 1 of the held-out set's
        /// 122 instead of 11, none of the 2,000-message bench mailbox instead of 87. With the
        /// estimate the shipped model's threshold is 0.9880 on 1,415 messages and 0.9910 on
        /// 1,460, the folds' 0.987–0.9925 on four deals. The calibration is over-confident in
        /// its tail (above 0.99, 1.3 wrong expected out of fold, 2 counted — both caught by the
        /// rules), so the target is below the 1 %: with one threshold for all folds,
        /// after the rules, the first wrong creations appear at 0.985 (uz 1/91, uz-Cyrl 1/87 of
        /// 1,415 messages), which the estimate reaches at about 0.45 %; 0.3 % keeps a margin.
        /// Chosen on the same cross-validated figure the README reports (session 8); the held-out
        /// set and the bench mailbox are the check. Also measured: the count's 1 % beside the
        /// estimate lifted the threshold to 0.9963 on 1,460 messages (12 held-out requests
        /// created instead of 20): it counts the wrong ones the rules catch anyway. (Before, by
        /// count: 0.01, 4 wrong of 238 created; `l2` 4e-4 and 0.005, 2 wrong of 378, both
        /// uz-Cyrl, 1.9 % of its 103; 0.0025 none of 252.) Choosing the threshold by count only
        /// among the out-of-fold messages the rules let through (`RightClassifier`'s negation
        /// and vocabulary agreement) measured 340 created of 1,048 requests but 3 wrong (uz, ru,
        /// en 1.1–1.2 % each; two hard negatives); by the estimate those messages give a threshold
        /// within 0.001 of all messages', so all messages count.
        /// Session 9, with `bags` 3: 0.003 created one ru hard negative on deal 0; 0.002 none on
        /// deals 0 and 1 (259 / 256 created, none wrong).
        public var wrongRateTarget = 0.002

        public init() {}
    }

    /// The model of `examples` (replies are left out: they are answered by reference, not read).
    public static func train(_ examples: [TrainingExample], parameters: Parameters = Parameters()) -> IntakeModel {
        let usable = examples.filter { $0.label.kind != .reply }.sorted { $0.key < $1.key }
        let folds = writerFolds(usable, count: parameters.folds)
        var inputs: [[Double]] = []
        var correct: [Bool] = []
        for fold in 0..<parameters.folds {
            let training = usable.indices.filter { folds[$0] != fold }.map { usable[$0] }
            let held = usable.indices.filter { folds[$0] == fold }.map { usable[$0] }
            guard !training.isEmpty, !held.isEmpty else { continue }
            let model = fit(training, parameters: parameters, calibration: [Double](repeating: 0, count: IntakeModel.calibrationCount), threshold: 1)
            for example in held {
                let scores = model.scores(subject: example.subject, body: example.body, dense: example.dense)
                inputs.append(scores.calibrationInputs)
                correct.append(example.label.kind == .request && scores.ranked[0].0 == example.label.rights.first)
            }
        }
        let calibration = fitCalibration(inputs, correct)
        let confidences = inputs.map { IntakeModel.calibrated($0, calibration) }
        let threshold = chooseThreshold(confidences, target: parameters.wrongRateTarget)
        return fit(usable, parameters: parameters, calibration: calibration, threshold: threshold)
    }

    /// Fold of each example: writers in sorted order (or, for a `deal` other than 0, in an order
    /// shuffled by that seed), dealt round-robin (a writer never spans folds).
    public static func writerFolds(_ examples: [TrainingExample], count: Int, deal: UInt32 = 0) -> [Int] {
        var writers = Array(Set(examples.map(\.label.writer))).sorted()
        if deal != 0 {
            func key(_ writer: String) -> UInt32 {
                FeatureHasher.mix(writer.utf8.reduce(deal &* 0x9E37_79B9) { ($0 ^ UInt32($1)) &* 0x0100_0193 })
            }
            writers.sort { (key($0), $0) < (key($1), $1) }
        }
        var fold: [String: Int] = [:]
        for (index, writer) in writers.enumerated() { fold[writer] = index % max(count, 1) }
        return examples.map { fold[$0.label.writer] ?? 0 }
    }

    /// A deterministic generator (64-bit LCG, Knuth's constants) for the visiting order.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
    }

    /// `parameters.bags` runs of stochastic gradient descent, their weights averaged, then quantisation.
    static func fit(_ examples: [TrainingExample], parameters: Parameters, calibration: [Double], threshold: Double) -> IntakeModel {
        let outputs = IntakeModel.outputs
        let bags = max(1, parameters.bags)
        var weights = [Float](repeating: 0, count: (1 << parameters.bits) * outputs)
        var dense = [Float](repeating: 0, count: IntakeModel.denseCount * outputs)
        var biases = [Float](repeating: 0, count: outputs)
        for bag in 0..<bags {
            // The first order is the one a single model was always trained in.
            let seed = 0x5DEE_CE66_D1CE_4E5B &+ UInt64(bag) &* 0x9E37_79B9_7F4A_7C15
            let run = descend(examples, parameters: parameters, seed: seed)
            let count = Float(bags)
            for index in weights.indices { weights[index] += run.weights[index] / count }
            for index in dense.indices { dense[index] += run.dense[index] / count }
            for index in biases.indices { biases[index] += run.biases[index] / count }
        }
        // Quantise each output's weights to int8 steps of max|w| / 127.
        var scales = [Float](repeating: 1, count: outputs)
        for output in 0..<outputs {
            var largest: Float = 0
            for index in stride(from: output, to: weights.count, by: outputs) { largest = max(largest, abs(weights[index])) }
            if largest > 0 { scales[output] = largest / 127 }
        }
        var quantised = [Int8](repeating: 0, count: weights.count)
        for index in weights.indices {
            let step = (weights[index] / scales[index % outputs]).rounded()
            quantised[index] = Int8(max(-127, min(127, step)))
        }
        return IntakeModel(bits: parameters.bits, weights: quantised, scales: scales, biases: biases, denseWeights: dense,
                           calibration: calibration, threshold: threshold, trainingMessages: examples.count)
    }

    /// Stochastic gradient descent on the cross-entropy of the softmax, visiting the examples in
    /// the orders of a generator started at `seed`: the float weights, dense weights and biases.
    static func descend(_ examples: [TrainingExample], parameters: Parameters, seed: UInt64)
        -> (weights: [Float], dense: [Float], biases: [Float]) {
        let outputs = IntakeModel.outputs
        let denseCount = IntakeModel.denseCount
        var weights = [Float](repeating: 0, count: (1 << parameters.bits) * outputs)
        var dense = [Float](repeating: 0, count: denseCount * outputs)
        var biases = [Float](repeating: 0, count: outputs)
        let targets = examples.map { $0.targets(primaryShare: parameters.primaryShare) }
        let denseValues = examples.map { $0.dense.map(Float.init) }
        var order = Array(examples.indices)
        var generator = Generator(state: seed)
        var gradient = [Float](repeating: 0, count: outputs)
        weights.withUnsafeMutableBufferPointer { w in
            for epoch in 0..<parameters.epochs {
                for index in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
                }
                let rate = parameters.learningRate / Float(1 + epoch)
                let decay = 1 - rate * parameters.l2
                for position in order {
                    let example = examples[position]
                    let x = denseValues[position]
                    let target = targets[position]
                    example.buckets.withUnsafeBufferPointer { buckets in
                        example.values.withUnsafeBufferPointer { values in
                            var logits = [Double](repeating: 0, count: outputs)
                            for output in 0..<outputs {
                                var z = biases[output]
                                for feature in 0..<denseCount { z += dense[feature * outputs + output] * x[feature] }
                                for index in 0..<buckets.count {
                                    z += w[Int(buckets[index]) * outputs + output] * values[index]
                                }
                                logits[output] = Double(z)
                            }
                            let probabilities = softmax(logits)
                            for output in 0..<outputs { gradient[output] = Float(probabilities[output]) - target[output] }
                            for index in 0..<buckets.count {
                                let base = Int(buckets[index]) * outputs
                                let value = values[index]
                                for output in 0..<outputs {
                                    w[base + output] = w[base + output] * decay - rate * gradient[output] * value
                                }
                            }
                        }
                    }
                    for output in 0..<outputs {
                        biases[output] -= rate * gradient[output]
                        for feature in 0..<denseCount {
                            let slot = feature * outputs + output
                            dense[slot] = dense[slot] * decay - rate * gradient[output] * x[feature]
                        }
                    }
                }
            }
        }
        return (weights, dense, biases)
    }

    /// Logistic regression of "correct" on the calibration inputs (Platt scaling over four
    /// inputs), by Newton's method with a small ridge so that separable data stays finite.
    static func fitCalibration(_ inputs: [[Double]], _ correct: [Bool]) -> [Double] {
        let size = IntakeModel.calibrationCount
        var beta = [Double](repeating: 0, count: size)
        guard !inputs.isEmpty else { return beta }
        for _ in 0..<50 {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
            for (row, isCorrect) in zip(inputs, correct) {
                let x = [1] + row
                let p = IntakeModel.calibrated(row, beta)
                let error = p - (isCorrect ? 1 : 0)
                let weight = max(p * (1 - p), 1e-9)
                for i in 0..<size {
                    gradient[i] += error * x[i]
                    for j in 0..<size { hessian[i][j] += weight * x[i] * x[j] }
                }
            }
            for i in 0..<size {
                gradient[i] += 0.01 * beta[i]
                hessian[i][i] += 0.01
            }
            guard let step = solve(hessian, gradient) else { break }
            var largest = 0.0
            for i in 0..<size {
                beta[i] -= step[i]
                largest = max(largest, abs(step[i]))
            }
            if largest < 1e-10 { break }
        }
        return beta
    }

    /// Solves `matrix · x = vector` by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        let size = vector.count
        var a = matrix
        var b = vector
        for column in 0..<size {
            var pivot = column
            for row in column..<size where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
            guard abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<size {
                let factor = a[row][column] / a[column][column]
                for k in column..<size { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<size { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }

    /// The lowest calibrated probability such that, of the messages at or above it, the expected
    /// share of wrong ones — the mean of (1 − confidence) — is at most `target`; never below 0.5.
    static func chooseThreshold(_ confidences: [Double], target: Double) -> Double {
        let sorted = confidences.sorted(by: >)
        var chosen = 1.0
        var expected = 0.0
        var position = 0
        while position < sorted.count {
            // Messages with equal confidence are taken together.
            let value = sorted[position]
            while position < sorted.count && sorted[position] == value {
                expected += 1 - value
                position += 1
            }
            if expected <= target * Double(position) { chosen = value }
        }
        return max(0.5, chosen)
    }
}
