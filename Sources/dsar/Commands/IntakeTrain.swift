import ArgumentParser
import DeskCore
import DeskIntake
import DeskProgram
import DeskStore
import Foundation
import MailIntake

extension Dsar.Intake {
    /// `dsar intake train [--shipped-only] [--corpus DIR] [--output FILE]`
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Train the intake's model on the shipped corpus plus the desk's own labels.",
            discussion: """
                Every `dsar inbox convert`, `dsar inbox dismiss` and `dsar reclassify` is a label: the \
                message and the right a person chose (or "not a request"). Training reads the shipped \
                corpus and those labels, fits the model, calibrates it on folds split by writer, and \
                stores it in the database; from then on `dsar intake import` reads mail with it. \
                --shipped-only leaves the desk's labels out. --output writes the model file instead \
                of storing it: `dsar intake train --shipped-only --output Models/intake.model` \
                reproduces the shipped file byte for byte. Training is deterministic.

                Example:
                  dsar intake train
                  dsar intake train --shipped-only --output Models/intake.model
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Train on the shipped corpus only, without the desk's labels.")
        var shippedOnly = false
        @Option(help: "The labelled corpus (default: the shipped Tests/MailIntakeTests/Corpus).")
        var corpus: String?
        @Option(help: "Write the model to this file instead of storing it in the database.")
        var output: String?

        func run() throws {
            let entries: [LabelledCorpus.Entry]
            do {
                entries = try IntakeModels.corpus(corpus)
            } catch let error as MailIntakeError {
                throw DeskFailure(message: "\(DeskFailure.sentence(error)) Give the corpus with --corpus DIR.", exitCode: DeskFailure.badInput)
            }
            let session = shippedOnly && output != nil ? nil : try DeskSession.open(global)
            let desk = try session.map { shippedOnly ? [] : try IntakeModels.deskEntries(IntakeLearningStore($0.db)) } ?? []
            let training = IntakeModels.train(corpus: entries, desk: desk)
            let summary = "Trained on \(training.corpusMessages) corpus messages and \(training.deskMessages) of the desk's labels; "
                + "requests are created from mail above a calibrated \(Int((training.model.threshold * 1000).rounded()) / 10) % confidence."
            if let output {
                do {
                    try Data(training.bytes).write(to: URL(fileURLWithPath: output))
                } catch {
                    throw DeskFailure(message: "\(output) cannot be written (\(error.localizedDescription)); check the path.",
                                      exitCode: DeskFailure.badInput)
                }
                print(summary + " Written to \(output) (\(training.bytes.count) bytes, sha256 \(SHA256.hex(training.bytes))).")
                return
            }
            guard let session else { return }
            let stored = try IntakeLearningStore(session.db).save(
                model: training.bytes, corpusMessages: training.corpusMessages, deskMessages: training.deskMessages,
                actor: session.actor, now: session.now)
            print(summary + " Stored as the desk's model \(stored.id) (sha256 \(stored.sha256)).")
        }
    }
}
