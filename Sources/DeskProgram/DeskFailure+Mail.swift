public import MailIntake
public import MailTransport

extension DeskFailure {
    /// One sentence and an exit code for a mail server's failure; never the password.
    public init(mail error: MailTransportError) {
        let said = error.serverReply.map { " The server said: \($0.prefix(200))" } ?? ""
        switch error.kind {
        case .authentication:
            self.init(
                message: "The mail server refused the login; check the user in the URL and the password (environment variable, --password-file or ~/.netrc).",
                exitCode: Self.badInput)
        case .certificate:
            self.init(
                message: "The mail server's certificate could not be verified (\(error.curlMessage)); check the host name in the URL, or name the CA with mail.ca_file or --ca-file.",
                exitCode: Self.badInput)
        case .tlsRequired:
            self.init(
                message: "The mail server does not offer STARTTLS; use imaps:// or smtps://, or --allow-plaintext for a server on this machine only.",
                exitCode: Self.badInput)
        case .connection:
            self.init(
                message: "The mail server could not be reached or stopped answering (\(error.curlMessage)); check the URL and that the server runs, then run the command again — what was stored stays stored.",
                exitCode: Self.unavailable)
        case .folder:
            self.init(
                message: "The mail server has no such folder or refuses to open it (\(error.curlMessage)); check the folder name in the URL.\(said)",
                exitCode: Self.notFound)
        case .temporary, .permanent, .other:
            self.init(message: "The mail server failed the request (\(error.curlMessage)).\(said)", exitCode: Self.unexpected)
        }
    }

    /// A message, file or folder of mail that cannot be read (exit 2); never message content.
    public init(intake error: MailIntakeError) {
        let sentence = Self.sentence(error)
        if let source = error.source {
            self.init(message: "\(source) cannot be read (\(sentence)); check the path — messages before it were imported.", exitCode: Self.badInput)
        } else {
            self.init(message: sentence, exitCode: Self.badInput)
        }
    }

    /// What could not be read, in one sentence.
    public static func sentence(_ error: MailIntakeError) -> String {
        switch error.reason {
        case .empty, .tooLarge, .missingHeaders, .headerNUL, .headerBinary, .messageFileUnreadable, .emlReadFailed:
            return "A message cannot be read (\(error.quarantineReason))."
        case .pathMissing: return "The path does not exist."
        case .notMailFolder: return "The directory is neither a Maildir (no cur/ or new/) nor a folder of .eml files."
        case .fileUnopenable: return "The file cannot be opened for reading."
        case .mboxUnopenable: return "The mbox file cannot be opened for reading."
        case .mboxUnpositionable: return "The mbox file cannot be positioned at the resume offset."
        case .emlUnopenable: return "The .eml file cannot be opened for reading."
        case .corpusUnreadable(let path): return "\(path) cannot be read."
        case .corpusFileUnreadable(let file, let labels): return "\(file), named in \(labels), cannot be read."
        case .corpusWithoutLabels(let path): return "\(path) holds no labels.tsv (nor do its subdirectories)."
        case .corpusEmpty: return "No labelled message lies under the given paths."
        case .labelledTwice(let key): return "\(key) is labelled twice; give each labels file once."
        case .labelLine(let source, let line, let problem): return "\(source) line \(line): \(Self.phrase(problem))."
        }
    }

    /// What is wrong with a line of a labels file.
    static func phrase(_ problem: MailIntakeError.LabelProblem) -> String {
        switch problem {
        case .columnsMissing: return "expected the columns file, writer, lang, rights, kind, flags"
        case .unknownLanguage(let text): return "\(text.prefix(20)) is not uz, uz-Cyrl, ru or en"
        case .unknownRight(let text): return "\(text.prefix(20)) is not a right"
        case .unknownKind(let text): return "\(text.prefix(20)) is not request, reply, negative or hard_negative"
        case .requestWithoutRight: return "a request names at least one right"
        case .fileLabelledTwice(let file): return "\(file.prefix(40)) is labelled twice"
        }
    }
}
