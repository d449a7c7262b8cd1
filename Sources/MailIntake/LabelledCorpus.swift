import Foundation

/// Labelled messages on disk: a directory holding `labels.tsv` and the `.eml` files it names
/// (the layout of `Tests/MailIntakeTests/Corpus/<lang>/`), or a directory of such directories.
public enum LabelledCorpus {
    /// One labelled message as read from disk.
    public struct Entry: Sendable {
        /// `<directory name>/<file>`: unique across the directories of one corpus, and the order of training.
        public let key: String
        /// The file's path.
        public let path: String
        public let label: CorpusLabel
        public let raw: [UInt8]

        public init(key: String, path: String, label: CorpusLabel, raw: [UInt8]) {
            self.key = key
            self.path = path
            self.label = label
            self.raw = raw
        }
    }

    /// The labels files under `path`: its own `labels.tsv`, else those of its subdirectories (sorted).
    public static func labelFiles(under path: String) -> [String] {
        let own = (path as NSString).appendingPathComponent("labels.tsv")
        if FileManager.default.fileExists(atPath: own) { return [own] }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return children.sorted().map { (path as NSString).appendingPathComponent($0) }
            .map { ($0 as NSString).appendingPathComponent("labels.tsv") }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Every message of one labels file; a named file that is missing is an error.
    public static func load(labels path: String) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MailIntakeError(.corpusUnreadable(path: path))
        }
        let directory = (path as NSString).deletingLastPathComponent
        let folder = (directory as NSString).lastPathComponent
        return try CorpusLabel.parse(String(decoding: data, as: UTF8.self), source: path).map { label in
            let file = (directory as NSString).appendingPathComponent(label.file)
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw MailIntakeError(.corpusFileUnreadable(file: file, labels: path))
            }
            return Entry(key: folder + "/" + label.file, path: file, label: label, raw: Array(bytes))
        }
    }

    /// Every message under each of `paths` (see `labelFiles(under:)`), in key order.
    public static func load(_ paths: [String]) throws -> [Entry] {
        var entries: [Entry] = []
        for path in paths {
            let files = labelFiles(under: path)
            guard !files.isEmpty else {
                throw MailIntakeError(.corpusWithoutLabels(path: path))
            }
            for file in files { entries += try load(labels: file) }
        }
        return entries.sorted { $0.key < $1.key }
    }

    /// The training examples of `entries` (those that parse), with the vocabulary's features.
    public static func examples(_ entries: [Entry], bits: Int = IntakeModelTrainer.Parameters().bits,
                                vocabulary: RightClassifier = RightClassifier()) -> [TrainingExample] {
        entries.compactMap { TrainingExample(key: $0.key, label: $0.label, raw: $0.raw, bits: bits, vocabulary: vocabulary) }
    }
}

extension LabelledCorpus {
    /// The labelled messages to evaluate: those of `labels` (each file's entries, or the
    /// `labels.tsv` under each path when none is given) whose file lies under one of `paths`.
    public static func select(paths: [String], labels: [String]) throws -> [Entry] {
        let entries = labels.isEmpty ? try load(paths) : try labels.flatMap { try load(labels: $0) }.sorted { $0.key < $1.key }
        let roots = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let chosen = entries.filter { entry in
            let file = URL(fileURLWithPath: entry.path).standardizedFileURL.path
            return roots.contains { file == $0 || file.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        guard !chosen.isEmpty else {
            throw MailIntakeError(.corpusEmpty)
        }
        var keys: Set<String> = []
        for entry in chosen where !keys.insert(entry.key).inserted {
            throw MailIntakeError(.labelledTwice(entry.key))
        }
        return chosen
    }
}
