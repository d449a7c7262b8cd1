import CCurl

/// An SMTP session over one libcurl handle: each `send` is one MAIL FROM / RCPT TO / DATA
/// dialogue on the connection the handle keeps open, so a batch of letters logs in once.
public final class SMTPClient {
    public let account: MailAccount
    private let curl: CurlEasy

    public init(account: MailAccount, options: MailConnectionOptions, heloDomain: String? = nil) throws(MailTransportError) {
        guard !account.scheme.isIMAP else {
            throw MailTransportError(kind: .other, curlCode: 0, curlMessage: "\(account.name) is not an SMTP account",
                                     serverReply: nil)
        }
        self.account = account
        curl = try CurlEasy()
        curl.configure(for: account, options: options)
        // The URL's path is the name curl gives in EHLO.
        curl.set(CURLOPT_URL, account.serverURL + (heloDomain ?? ""))
    }

    /// Sends `message` (a complete RFC 5322 message with CRLF line ends) from `sender` to
    /// `recipients` and returns the server's final reply (`250 2.0.0 Ok: queued as …`).
    /// A refusal throws with `kind` `.temporary` (4xx) or `.permanent` (5xx) and the reply.
    public func send(_ message: [UInt8], from sender: String, to recipients: [String]) throws(MailTransportError) -> SMTPReply {
        curl.set(CURLOPT_MAIL_FROM, "<\(sender)>")
        let response = try curl.perform(upload: message, recipients: recipients.map { "<\($0)>" })
        let final = response.replies.last { SMTPReply.code(of: $0) != nil } ?? "\(curl.responseCode)"
        return SMTPReply(code: SMTPReply.code(of: final) ?? curl.responseCode, text: final)
    }
}
