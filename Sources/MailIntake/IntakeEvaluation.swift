public import DeskCore

/// How well the intake read labelled mail: what `dsar intake evaluate` prints.
///
/// Every figure is about what the desk does with a message: a request is *auto-created* when the
/// intake made it `new`; everything else a person sees (triage). The primary-right accuracy is the
/// intake's best guess (the created request's right, else the first suggestion) over all requests.
public struct IntakeEvaluation: Sendable, Hashable, Encodable {
    /// What the intake did with one labelled message.
    public struct Outcome: Sendable, Hashable {
        public let key: String
        public let label: CorpusLabel
        /// new, reply, triage or quarantined.
        public let status: String
        /// The rights of the created requests (status new), primary first.
        public let rights: [Right]
        /// The best guess: the created primary right, else the first suggestion.
        public let guess: Right?
        public let confidence: Double
        /// The rights the classifier considered, best first, with their probabilities.
        public let suggested: [RightScore]

        public init(key: String, label: CorpusLabel, assessment: IntakeAssessment) {
            self.key = key
            self.label = label
            status = assessment.status.rawValue
            let classification = assessment.classification
            rights = assessment.status == .new ? classification?.rights ?? [] : []
            guess = rights.first ?? classification?.rights.first ?? classification?.suggested.first?.right
            confidence = classification?.confidence ?? 0
            suggested = classification?.suggested ?? []
        }

        /// A request whose best guess is not its labelled primary right.
        public var isMiss: Bool { label.kind == .request && guess != label.rights.first }
    }

    /// The figures of one set of messages (all, or one language).
    public struct Figures: Sendable, Hashable, Encodable {
        public var messages = 0
        public var requests = 0
        /// Requests whose best guess is the labelled primary right.
        public var primaryCorrect = 0
        /// Messages made `new` (requests created without a person).
        public var autoCreated = 0
        /// Of those, the ones with another primary right than labelled, or that are no request.
        public var autoCreatedWrong = 0
        /// Requests sent to a person.
        public var requestsTriaged = 0
        public var hardNegatives = 0
        public var hardNegativesTriaged = 0
        public var negatives = 0
        public var negativesTriaged = 0
        public var replies = 0
        public var repliesRecognised = 0

        public var primaryAccuracy: Double { ratio(primaryCorrect, requests) }
        public var wrongRightRate: Double { ratio(autoCreatedWrong, autoCreated) }
        public var triageRate: Double { ratio(requestsTriaged, requests) }
        public var hardNegativesTriagedRate: Double { ratio(hardNegativesTriaged, hardNegatives) }

        func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

        mutating func add(_ outcome: Outcome) {
            messages += 1
            let label = outcome.label
            let created = outcome.status == "new"
            switch label.kind {
            case .request:
                requests += 1
                if outcome.guess == label.rights.first { primaryCorrect += 1 }
                if !created { requestsTriaged += 1 }
            case .hardNegative:
                hardNegatives += 1
                if !created { hardNegativesTriaged += 1 }
            case .negative:
                negatives += 1
                if !created { negativesTriaged += 1 }
            case .reply:
                replies += 1
                if outcome.status == "reply" { repliesRecognised += 1 }
            }
            if created && label.kind != .reply {
                autoCreated += 1
                if label.kind != .request || outcome.rights.first != label.rights.first { autoCreatedWrong += 1 }
            }
        }

        enum CodingKeys: String, CodingKey {
            case messages, requests, replies, negatives
            case primaryCorrect = "primary_correct", autoCreated = "auto_created", autoCreatedWrong = "auto_created_wrong"
            case requestsTriaged = "requests_triaged", hardNegatives = "hard_negatives"
            case hardNegativesTriaged = "hard_negatives_triaged", negativesTriaged = "negatives_triaged"
            case repliesRecognised = "replies_recognised", primaryAccuracy = "primary_accuracy"
            case wrongRightRate = "wrong_right_rate", triageRate = "triage_rate"
            case hardNegativesTriagedRate = "hard_negatives_triaged_rate"
        }

        public init() {}

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(messages, forKey: .messages)
            try container.encode(requests, forKey: .requests)
            try container.encode(primaryCorrect, forKey: .primaryCorrect)
            try container.encode(primaryAccuracy, forKey: .primaryAccuracy)
            try container.encode(autoCreated, forKey: .autoCreated)
            try container.encode(autoCreatedWrong, forKey: .autoCreatedWrong)
            try container.encode(wrongRightRate, forKey: .wrongRightRate)
            try container.encode(requestsTriaged, forKey: .requestsTriaged)
            try container.encode(triageRate, forKey: .triageRate)
            try container.encode(hardNegatives, forKey: .hardNegatives)
            try container.encode(hardNegativesTriaged, forKey: .hardNegativesTriaged)
            try container.encode(hardNegativesTriagedRate, forKey: .hardNegativesTriagedRate)
            try container.encode(negatives, forKey: .negatives)
            try container.encode(negativesTriaged, forKey: .negativesTriaged)
            try container.encode(replies, forKey: .replies)
            try container.encode(repliesRecognised, forKey: .repliesRecognised)
        }
    }

    /// Precision and recall of auto-created requests for one right.
    public struct RightFigures: Sendable, Hashable, Codable {
        public let right: String
        /// Requests created with this primary right.
        public let created: Int
        /// Of those, labelled with this primary right.
        public let correct: Int
        /// Requests labelled with this primary right.
        public let labelled: Int
        public let precision: Double
        public let recall: Double
    }

    /// How the evaluation was made: `held-out` (the model never saw these messages) or
    /// `cross-validated` (k folds by writer, each read by a model trained without it).
    public let method: String
    public let folds: Int?
    public let all: Figures
    /// By the labelled language (uz, uz-Cyrl, ru, en).
    public let languages: [String: Figures]
    public let rights: [RightFigures]
    /// Columns of the confusion matrix: the six rights (a request auto-created with that primary
    /// right), then `triage` (any message a person sees: triage, reply, quarantined).
    public let columns: [String]
    /// Rows: the labelled primary right, then `none` (no request). Replies are left out.
    public let rows: [String]
    public let confusion: [[Int]]
    /// The requests whose best guess is not the labelled primary right, in key order (for error
    /// analysis: `dsar intake evaluate --misses`; not encoded).
    public let misses: [Outcome]

    enum CodingKeys: String, CodingKey {
        case method, folds, all, languages, rights, columns, rows, confusion
    }

    /// The evaluation of `outcomes`.
    public init(outcomes: [Outcome], method: String, folds: Int?) {
        self.method = method
        self.folds = folds
        var all = Figures()
        var languages: [String: Figures] = [:]
        let rightNames = Right.allCases.map(\.rawValue)
        columns = rightNames + ["triage"]
        rows = rightNames + ["none"]
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: rows.count)
        for outcome in outcomes {
            all.add(outcome)
            languages[outcome.label.language.rawValue, default: Figures()].add(outcome)
            guard outcome.label.kind != .reply else { continue }
            let row = outcome.label.rights.first.flatMap { Right.allCases.firstIndex(of: $0) } ?? Right.allCases.count
            let column = outcome.rights.first.flatMap { Right.allCases.firstIndex(of: $0) } ?? Right.allCases.count
            confusion[row][column] += 1
        }
        self.all = all
        self.languages = languages
        self.confusion = confusion
        misses = outcomes.filter(\.isMiss)
        rights = Right.allCases.enumerated().map { index, right in
            let created = confusion.indices.reduce(0) { $0 + confusion[$1][index] }
            let correct = confusion[index][index]
            let labelled = confusion[index].reduce(0, +)
            return RightFigures(right: right.rawValue, created: created, correct: correct, labelled: labelled,
                                precision: created == 0 ? 0 : Double(correct) / Double(created),
                                recall: labelled == 0 ? 0 : Double(correct) / Double(labelled))
        }
    }

    /// Each message read by `classifier` (a model that never saw them).
    public static func heldOut(_ examples: [TrainingExample], classifier: RightClassifier) -> IntakeEvaluation {
        IntakeEvaluation(outcomes: outcomes(examples, classifier: classifier), method: "held-out", folds: nil)
    }

    /// k-fold cross-validation by writer: each fold is read by a model trained (calibration and
    /// threshold included) on the other folds only. `deal` 0 deals the writers to the folds in
    /// sorted order; another deal shuffles them first (`IntakeModelTrainer.writerFolds`), so a
    /// setting can be judged on several splits, not tuned to one.
    public static func crossValidated(_ examples: [TrainingExample], folds: Int, deal: UInt32 = 0,
                                      parameters: IntakeModelTrainer.Parameters = .init()) -> IntakeEvaluation {
        let sorted = examples.sorted { $0.key < $1.key }
        let assignment = IntakeModelTrainer.writerFolds(sorted, count: folds, deal: deal)
        var all: [Outcome] = []
        for fold in 0..<folds {
            let training = sorted.indices.filter { assignment[$0] != fold }.map { sorted[$0] }
            let held = sorted.indices.filter { assignment[$0] == fold }.map { sorted[$0] }
            guard !held.isEmpty else { continue }
            let model = IntakeModelTrainer.train(training, parameters: parameters)
            all += outcomes(held, classifier: RightClassifier(model: model))
        }
        return IntakeEvaluation(outcomes: all.sorted { $0.key < $1.key }, method: "cross-validated", folds: folds)
    }

    static func outcomes(_ examples: [TrainingExample], classifier: RightClassifier) -> [Outcome] {
        examples.map { Outcome(key: $0.key, label: $0.label, assessment: IntakeAssessment.assess($0.raw, classifier: classifier)) }
    }
}
