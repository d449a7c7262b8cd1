public import DeskCore

/// One line of a corpus `labels.tsv`: what a message is, as the person who wrote it says.
///
///     file	writer	lang	rights	kind	flags
///     0001.eml	ru-w07	ru	erasure,access	request	-
public struct CorpusLabel: Sendable, Hashable {
    /// What kind of message it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Exercises one or more rights.
        case request
        /// Answers a desk reference (DSAR-2026-000123).
        case reply
        /// Has nothing to do with personal data.
        case negative
        /// Mentions personal data or privacy without exercising a right.
        case hardNegative = "hard_negative"
    }

    /// The file, relative to the labels file's directory.
    public let file: String
    /// The fictional person who wrote it: cross-validation folds never split a writer.
    public let writer: String
    /// The language it is mainly written in.
    public let language: Language
    /// The rights asked for, primary first; empty for non-requests.
    public let rights: [Right]
    public let kind: Kind
    public let consentWithdrawal: Bool
    public let directMarketing: Bool

    public init(file: String, writer: String, language: Language, rights: [Right], kind: Kind,
                consentWithdrawal: Bool = false, directMarketing: Bool = false) {
        self.file = file
        self.writer = writer
        self.language = language
        self.rights = rights
        self.kind = kind
        self.consentWithdrawal = consentWithdrawal
        self.directMarketing = directMarketing
    }

    /// The labels of a `labels.tsv` text; throws on the first bad line, naming it.
    public static func parse(_ text: String, source: String) throws -> [CorpusLabel] {
        var labels: [CorpusLabel] = []
        var seen: Set<String> = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            if line.trimmingSpaces.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if index == 0 || fields.first == "file" { continue }
            func fail(_ problem: MailIntakeError.LabelProblem) -> MailIntakeError {
                MailIntakeError(.labelLine(source: source, line: index + 1, problem: problem))
            }
            guard fields.count >= 5 else { throw fail(.columnsMissing) }
            guard let language = Language(rawValue: fields[2]) else { throw fail(.unknownLanguage(fields[2])) }
            var rights: [Right] = []
            if fields[3] != "-" && !fields[3].isEmpty {
                for name in fields[3].split(separator: ",") {
                    guard let right = Right(rawValue: String(name).trimmingSpaces) else { throw fail(.unknownRight(String(name))) }
                    if !rights.contains(right) { rights.append(right) }
                }
            }
            guard let kind = Kind(rawValue: fields[4]) else { throw fail(.unknownKind(fields[4])) }
            if kind == .request && rights.isEmpty { throw fail(.requestWithoutRight) }
            let flags = fields.count > 5 ? fields[5].split(separator: ",").map { String($0).trimmingSpaces } : []
            guard seen.insert(fields[0]).inserted else { throw fail(.fileLabelledTwice(fields[0])) }
            labels.append(CorpusLabel(
                file: fields[0], writer: fields[1], language: language, rights: kind == .request ? rights : [],
                kind: kind, consentWithdrawal: flags.contains("consent_withdrawal"),
                directMarketing: flags.contains("direct_marketing")))
        }
        return labels
    }
}
