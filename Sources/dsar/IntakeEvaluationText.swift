import DeskCore
import MailIntake

/// `dsar intake evaluate` for people: the figures per language, per right, and the confusion matrix.
enum IntakeEvaluationText {
    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }

    static func render(_ evaluation: IntakeEvaluation) -> String {
        var lines: [String] = []
        let all = evaluation.all
        let how = evaluation.method == "cross-validated"
            ? "Cross-validated, \(evaluation.folds ?? 0) folds split by writer (each message read by a model that never saw its writer)"
            : "Held out (read by the desk's current model)"
        lines.append("\(how): \(all.messages) messages — \(all.requests) requests, \(all.hardNegatives) hard negatives, "
                     + "\(all.negatives) negatives, \(all.replies) replies.")
        lines.append("")
        var table = TextTable(headers: ["lang", "messages", "primary right", "auto-created", "wrong right", "requests triaged",
                                        "hard neg. triaged", "replies"])
        let languages = ["uz", "uz-Cyrl", "ru", "en"].filter { evaluation.languages[$0] != nil }
        for (name, figures) in [("all", all)] + languages.compactMap({ name in evaluation.languages[name].map { (name, $0) } }) {
            table.append([
                name, String(figures.messages),
                "\(percent(figures.primaryAccuracy)) (\(figures.primaryCorrect)/\(figures.requests))",
                String(figures.autoCreated),
                "\(percent(figures.wrongRightRate)) (\(figures.autoCreatedWrong)/\(figures.autoCreated))",
                "\(percent(figures.triageRate)) (\(figures.requestsTriaged)/\(figures.requests))",
                "\(percent(figures.hardNegativesTriagedRate)) (\(figures.hardNegativesTriaged)/\(figures.hardNegatives))",
                "\(figures.repliesRecognised)/\(figures.replies)",
            ])
        }
        lines.append(table.render())
        lines.append("")
        var rights = TextTable(headers: ["right", "created", "correct", "labelled", "precision", "recall"])
        for figures in evaluation.rights {
            rights.append([figures.right, String(figures.created), String(figures.correct), String(figures.labelled),
                           percent(figures.precision), percent(figures.recall)])
        }
        lines.append(rights.render())
        lines.append("")
        lines.append("Confusion matrix (rows: the labelled primary right; columns: the request created, or triage):")
        var confusion = TextTable(headers: ["labelled"] + evaluation.columns)
        for (row, counts) in zip(evaluation.rows, evaluation.confusion) {
            confusion.append([row] + counts.map(String.init))
        }
        lines.append(confusion.render())
        lines.append("")
        lines.append("primary right: the best guess (created or suggested) over all requests; wrong right: of the requests "
                     + "created without a person, those with another primary right or that are no request.")
        return lines.joined(separator: "\n")
    }

    /// One line per request whose best guess is not its labelled primary right: the file, writer,
    /// language, labelled rights, what the intake did and the rights it considered.
    static func renderMisses(_ evaluation: IntakeEvaluation) -> String {
        var table = TextTable(headers: ["message", "writer", "lang", "labelled", "status", "considered"])
        for miss in evaluation.misses {
            let considered = miss.suggested.map { "\($0.right.rawValue) \(Int(($0.probability * 100).rounded()))" }
            table.append([miss.key, miss.label.writer, miss.label.language.rawValue,
                          miss.label.rights.map(\.rawValue).joined(separator: ","), miss.status,
                          considered.isEmpty ? "-" : considered.joined(separator: ", ")])
        }
        return "Requests whose best guess is not the labelled primary right (\(evaluation.misses.count)):\n" + table.render()
    }
}
