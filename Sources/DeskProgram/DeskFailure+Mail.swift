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

    /// A message, file or folder of mail that cannot be read (exit 2); the detail never holds message content.
    public init(intake error: MailIntakeError) {
        self.init(message: error.detail, exitCode: Self.badInput)
    }
}
