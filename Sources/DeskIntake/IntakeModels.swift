import DeskCore
public import DeskStore
public import Foundation
public import MailIntake
public import Postgres

/// The intake's learned models: the shipped one (`Models/intake.model`), the desk's own (stored by
/// `dsar intake train`), and training them. Nothing here runs unless a command reads mail.
public enum IntakeModels {
    /// Which model a classifier uses.
    public enum Source: String, Sendable {
        /// The newest model `dsar intake train` stored in the desk's database.
        case desk
        /// `Models/intake.model`, trained from the shipped corpus.
        case shipped
        /// No model file was found (or `DSAR_INTAKE_MODEL=none`): the vocabulary alone classifies.
        case vocabulary
        /// The model file `DSAR_INTAKE_MODEL` names.
        case file
    }

    /// The shipped model; nil (with the reason) when the file is missing or not a model.
    public static func shipped() -> (model: IntakeModel?, problem: String?) {
        guard let url = try? ResourceLocator.intakeModelFile(), let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, "The shipped intake model (Models/intake.model) was not found; set DSAR_HOME to the directory that holds Models/. The vocabulary alone classifies.")
        }
        guard let model = IntakeModel(serialized: Array(data)) else {
            return (nil, "\(url.path) is not an intake model this version reads; the vocabulary alone classifies.")
        }
        return (model, nil)
    }

    /// The classifier for reading mail into the desk behind `db` (nil: no database): the desk's
    /// model when it stored one, else the shipped one. `note` hears why a fallback was taken.
    ///
    /// `DSAR_INTAKE_MODEL` overrides the choice: a model file to try before storing it, or `none`
    /// for the hand-written vocabulary alone (the tests of the import pipeline use it, so that
    /// their expectations are about storing mail, not about a model's choices).
    public static func classifier(db: Connection?, note: (String) -> Void,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (RightClassifier, Source) {
        if let override = environment["DSAR_INTAKE_MODEL"], !override.isEmpty {
            if override == "none" { return (RightClassifier(), .vocabulary) }
            guard let data = FileManager.default.contents(atPath: override), let model = IntakeModel(serialized: Array(data)) else {
                throw StoreError(.intakeModelUnreadable, name: override)
            }
            return (RightClassifier(model: model), .file)
        }
        if let db, let stored = try IntakeLearningStore(db).latestModel() {
            if let model = IntakeModel(serialized: stored.bytes) { return (RightClassifier(model: model), .desk) }
            note("The desk's model \(stored.id) cannot be read by this version; the shipped model is used. Run `dsar intake train` again.")
        }
        let (model, problem) = shipped()
        if let problem { note(problem) }
        return (RightClassifier(model: model), model == nil ? .vocabulary : .shipped)
    }

    /// The result of a training run.
    public struct Training: Sendable {
        public let model: IntakeModel
        public let bytes: [UInt8]
        public let corpusMessages: Int
        public let deskMessages: Int
    }

    /// The labelled messages of the shipped corpus (`corpus`, default the source tree's).
    public static func corpus(_ directory: String? = nil) throws -> [LabelledCorpus.Entry] {
        let path = try directory ?? ResourceLocator.corpusDirectory().path
        return try LabelledCorpus.load([path])
    }

    /// The desk's labels as corpus entries: each message is its own writer (its folds never mix).
    public static func deskEntries(_ store: IntakeLearningStore) throws -> [LabelledCorpus.Entry] {
        try store.labelledMessages().map { message in
            let label = CorpusLabel(
                file: "message-\(message.messageID)", writer: "desk-\(message.messageID)",
                language: message.language ?? .uzbekLatin, rights: message.rights,
                kind: message.rights.isEmpty ? .hardNegative : .request)
            return LabelledCorpus.Entry(
                key: "~desk/\(String(message.messageID).leftPadded(to: 12))", path: "", label: label, raw: message.raw)
        }
    }

    /// Trains a model on the corpus plus `desk` (the desk's labels; none with --shipped-only).
    public static func train(corpus: [LabelledCorpus.Entry], desk: [LabelledCorpus.Entry],
                             parameters: IntakeModelTrainer.Parameters = .init()) -> Training {
        let examples = LabelledCorpus.examples(corpus + desk, bits: parameters.bits)
        let model = IntakeModelTrainer.train(examples, parameters: parameters)
        return Training(model: model, bytes: model.serialized(), corpusMessages: corpus.count, deskMessages: desk.count)
    }
}
