/// How to reach a mail server: the secret and the TLS rules. Never printed.
public struct MailConnectionOptions: Sendable {
    /// The password; nil to let curl read `~/.netrc` (or for a server that needs none).
    public var password: String?
    /// Read `~/.netrc` when no password is given.
    public var useNetrc: Bool
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// Allow `imap://` / `smtp://` without STARTTLS (only for a server on this machine).
    public var allowPlaintext: Bool
    /// Seconds to wait for a connection and for each server answer.
    public var timeoutSeconds: Int

    public init(password: String?, useNetrc: Bool = true, caFile: String? = nil, allowPlaintext: Bool = false,
                timeoutSeconds: Int = 60) {
        self.password = password
        self.useNetrc = useNetrc
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.timeoutSeconds = timeoutSeconds
    }
}
