/// Why a message could not be read or parsed; becomes the quarantine reason.
///
/// A struct over an open set of codes so that adding a reason later breaks no caller.
public struct MailIntakeError: Error, Sendable, Hashable, CustomStringConvertible {
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

    /// The kind of failure.
    public let code: Code
    /// One sentence a DPO can read; never carries message content.
    public let detail: String

    /// Creates an error with a code and a human sentence.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
