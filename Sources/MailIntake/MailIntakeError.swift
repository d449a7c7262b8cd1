/// Why a message, a mail source or a labelled corpus could not be read: a stable code and the
/// reason with the values it is about — never a sentence. The programs word it
/// (`DeskFailure+Mail.swift`, DeskProgram); a quarantined message keeps `quarantineReason`.
///
/// The code is a struct over an open set, so adding a reason later breaks no caller.
public struct MailIntakeError: Error, Sendable, Hashable {
    /// The kind of failure, stable for programs to switch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as written in JSON output and the quarantine table.
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input held no bytes at all.
        public static let empty = Code("empty")
        /// No RFC 5322 header field could be found at the start of the message.
        public static let missingHeaders = Code("missing_headers")
        /// The header section holds binary data (NUL or control bytes).
        public static let binaryContent = Code("binary_content")
        /// The message is larger than the configured limit.
        public static let tooLarge = Code("too_large")
        /// A file or directory could not be read.
        public static let unreadable = Code("unreadable")
        /// The path is not an .eml file, mbox file or Maildir folder.
        public static let unsupportedSource = Code("unsupported_source")
    }

    /// What exactly could not be read.
    public enum Reason: Sendable, Hashable {
        // One message (quarantined with `quarantineReason`).
        case empty
        /// Larger than `limit` bytes; `size` when the reader knows it.
        case tooLarge(size: UInt64?, limit: Int)
        case missingHeaders
        case headerNUL
        case headerBinary
        case messageFileUnreadable
        case emlReadFailed
        // A mail source given by path.
        case pathMissing
        case notMailFolder
        case fileUnopenable
        case mboxUnopenable
        case mboxUnpositionable
        case emlUnopenable
        // A labelled corpus (`dsar intake train/evaluate`).
        /// The path (a directory or a labels file) cannot be read.
        case corpusUnreadable(path: String)
        /// A message file named in a labels file cannot be read.
        case corpusFileUnreadable(file: String, labels: String)
        /// A directory without any labels.tsv.
        case corpusWithoutLabels(path: String)
        case corpusEmpty
        /// A message labelled by two labels files.
        case labelledTwice(String)
        /// A line of a labels file (its source and 1-based number) that cannot be read.
        case labelLine(source: String, line: Int, problem: LabelProblem)
    }

    /// What is wrong with a line of a labels file.
    public enum LabelProblem: Sendable, Hashable {
        case columnsMissing
        case unknownLanguage(String)
        case unknownRight(String)
        case unknownKind(String)
        case requestWithoutRight
        case fileLabelledTwice(String)
    }

    /// Why, with its values.
    public let reason: Reason
    /// The mail source being imported when it failed, when the importer knows it.
    public var source: String?

    /// Creates an error for `reason`.
    public init(_ reason: Reason, source: String? = nil) {
        self.reason = reason
        self.source = source
    }

    /// The kind of failure.
    public var code: Code {
        switch reason {
        case .empty: return .empty
        case .tooLarge: return .tooLarge
        case .missingHeaders: return .missingHeaders
        case .headerNUL, .headerBinary: return .binaryContent
        case .notMailFolder: return .unsupportedSource
        case .messageFileUnreadable, .emlReadFailed, .pathMissing, .fileUnopenable, .mboxUnopenable, .mboxUnpositionable,
            .emlUnopenable, .corpusUnreadable, .corpusFileUnreadable, .corpusWithoutLabels, .corpusEmpty, .labelledTwice, .labelLine:
            return .unreadable
        }
    }

    /// The same error, noting the mail source it happened in.
    public func reading(_ source: String) -> MailIntakeError {
        MailIntakeError(reason, source: source)
    }
}
