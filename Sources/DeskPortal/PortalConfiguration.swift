import Foundation

/// How one portal process runs: where it listens, what the public sees, and its limits.
public struct PortalConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `portal.public_url`: with https, cookies are sent with `Secure`.
    public var publicURL: String?
    /// Take the client's address from `X-Real-IP` (set by nginx) instead of the socket.
    public var trustProxy: Bool
    public var limits: Limits

    /// Rate limits per client address and per e-mail address (the issue's §6).
    public struct Limits: Sendable {
        public var submissionsPerAddress: RateLimiter.Rule
        public var submissionsPerEmail: RateLimiter.Rule
        public var codeAttemptsPerAddress: RateLimiter.Rule
        public var lookupsPerAddress: RateLimiter.Rule
        public var lookupsPerEmail: RateLimiter.Rule
        public var repliesPerSession: RateLimiter.Rule

        public static let standard = Limits(
            submissionsPerAddress: .init(limit: 10, window: 3600), submissionsPerEmail: .init(limit: 5, window: 3600),
            codeAttemptsPerAddress: .init(limit: 30, window: 3600), lookupsPerAddress: .init(limit: 10, window: 3600),
            lookupsPerEmail: .init(limit: 5, window: 3600), repliesPerSession: .init(limit: 20, window: 3600))

        public init(
            submissionsPerAddress: RateLimiter.Rule, submissionsPerEmail: RateLimiter.Rule, codeAttemptsPerAddress: RateLimiter.Rule,
            lookupsPerAddress: RateLimiter.Rule, lookupsPerEmail: RateLimiter.Rule, repliesPerSession: RateLimiter.Rule
        ) {
            self.submissionsPerAddress = submissionsPerAddress
            self.submissionsPerEmail = submissionsPerEmail
            self.codeAttemptsPerAddress = codeAttemptsPerAddress
            self.lookupsPerAddress = lookupsPerAddress
            self.lookupsPerEmail = lookupsPerEmail
            self.repliesPerSession = repliesPerSession
        }
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, trustProxy: Bool = false, limits: Limits = .standard) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.trustProxy = trustProxy
        self.limits = limits
    }

    /// Cookies carry `Secure` when the public address is https (the portal then sits behind TLS).
    public var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    /// Parses `--listen HOST:PORT`.
    public static func listenAddress(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            throw PortalError.listenAddressInvalid
        }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { throw PortalError.listenAddressInvalid }
        return (host, port)
    }
}
