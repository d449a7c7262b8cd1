import Foundation
@testable import MailIntake

/// The labelled corpus in the source tree (`Tests/MailIntakeTests/Corpus/<lang>/labels.tsv`) and
/// the shipped model (`Models/intake.model`).
enum CorpusSupport {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let modelFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/intake.model")

    static func entries() throws -> [LabelledCorpus.Entry] { try LabelledCorpus.load([directory.path]) }

    static func shippedModel() throws -> IntakeModel? {
        guard let data = FileManager.default.contents(atPath: modelFile.path) else { return nil }
        return IntakeModel(serialized: Array(data))
    }
}
