/// A failure of a mail dialogue, with curl's code and the server's last reply.
///
/// Nothing here ever holds a password: curl's message and the server's replies are kept, the
/// client's own lines (where AUTH travels) never are.
public struct MailTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure, for callers that choose a sentence and an exit code.
    public enum Kind: String, Sendable, Hashable {
        /// The server refused the user name or the password.
        case authentication
        /// The server's certificate did not verify (wrong name, unknown CA, expired) or TLS failed.
        case certificate
        /// The server does not offer STARTTLS and plaintext was not allowed.
        case tlsRequired
        /// The server could not be reached or the connection broke.
        case connection
        /// The server answered with a temporary failure (4xx): try again later.
        case temporary
        /// The server refused for good (5xx).
        case permanent
        /// The mailbox or folder does not exist or may not be read.
        case folder
        /// Anything else curl reports.
        case other
    }

    public let kind: Kind
    /// libcurl's `CURLcode`.
    public let curlCode: Int
    /// libcurl's explanation (its error buffer, or `curl_easy_strerror`).
    public let curlMessage: String
    /// The server's last reply line, when it said something (e.g. `451 4.7.1 Try again later`).
    public let serverReply: String?

    public init(kind: Kind, curlCode: Int, curlMessage: String, serverReply: String?) {
        self.kind = kind
        self.curlCode = curlCode
        self.curlMessage = curlMessage
        self.serverReply = serverReply
    }

    /// The three-digit SMTP reply code of `serverReply`, if it starts with one.
    public var replyCode: Int? { serverReply.flatMap(SMTPReply.code(of:)) }

    public var description: String {
        if let serverReply { return "\(curlMessage) (curl \(curlCode); the server said: \(serverReply))" }
        return "\(curlMessage) (curl \(curlCode))"
    }
}
