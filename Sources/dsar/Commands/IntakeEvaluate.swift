import ArgumentParser
import DeskProgram
import Foundation
import DeskIntake
import MailIntake

extension Dsar.Intake {
    /// `dsar intake evaluate PATH… [--labels FILE] [--folds K [--deal N]] [--json]`
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "Measure the classifier on labelled mail: accuracy, per-right precision and recall, confusion matrix.",
            discussion: """
                A labels file is tab-separated with the header `file writer lang rights kind flags` \
                (rights primary first, `-` for none; kind request, reply, negative or hard_negative); \
                each file is relative to the labels file. Without --labels, every PATH's labels.tsv \
                (or its subdirectories') is read. Without --folds the messages are read by the model \
                the desk uses now (the desk's own once `dsar intake train` stored one, else the shipped \
                one): give mail that model was not trained on. With --folds K the messages are split \
                into K folds by writer and each fold is read by a model trained on the others only \
                (calibration and threshold included) — the honest figure for a corpus. Writers are \
                dealt to the folds in sorted order; --deal N (1, 2, …) deals them in another order \
                shuffled by N, so that a change can be judged on several splits rather than one.

                Example:
                  dsar intake evaluate Tests/MailIntakeTests/Corpus --folds 5
                  dsar intake evaluate Tests/MailIntakeTests/Corpus --folds 5 --misses
                  dsar intake evaluate Tests/MailIntakeTests/Corpus --folds 5 --deal 2
                  dsar intake evaluate new-mail/ --labels new-mail/labels.tsv --json
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Directories or files of labelled messages.")
        var paths: [String]
        @Option(help: "A labels.tsv file (repeatable); default: the labels.tsv under each PATH.")
        var labels: [String] = []
        @Option(help: "Cross-validate with K folds split by writer (2–20) instead of reading with the desk's model.")
        var folds: Int?
        @Option(help: "With --folds: deal the writers to the folds in the order shuffled by N (0, the default: sorted).")
        var deal: UInt32 = 0
        @Flag(help: "Print the evaluation as JSON.")
        var json = false
        @Flag(help: "Also list every request whose best guess is not its labelled primary right (not with --json).")
        var misses = false

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("Give at least one directory or file of labelled messages.") }
            if let folds, !(2...20).contains(folds) { throw ValidationError("--folds must be between 2 and 20.") }
            if deal != 0 && folds == nil { throw ValidationError("--deal needs --folds K: it chooses how writers are dealt to the folds.") }
        }

        func run() throws {
            let evaluation: IntakeEvaluation
            do {
                let entries = try LabelledCorpus.select(paths: paths, labels: labels)
                if let folds {
                    evaluation = IntakeEvaluation.crossValidated(LabelledCorpus.examples(entries), folds: folds, deal: deal)
                } else {
                    let db = try? DeskSession.open(global).db
                    let (classifier, source) = try IntakeModels.classifier(db: db, note: FileHandleOutput.note)
                    FileHandleOutput.note("Read by the \(source.rawValue) model.")
                    evaluation = IntakeEvaluation.heldOut(LabelledCorpus.examples(entries), classifier: classifier)
                }
            } catch let error as MailIntakeError {
                throw DeskFailure(message: "\(DeskFailure.sentence(error)) Check the paths and the labels file.", exitCode: DeskFailure.badInput)
            }
            if json {
                try JSONOutput.print(evaluation)
            } else {
                print(IntakeEvaluationText.render(evaluation))
                if misses { print("\n" + IntakeEvaluationText.renderMisses(evaluation)) }
            }
        }
    }
}
