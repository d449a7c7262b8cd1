import HTTPTypes
public import Hummingbird

/// Headers every response carries: a strict Content-Security-Policy (no scripts at all, styles
/// and forms only from the portal itself, no framing), no MIME sniffing, no referrer, no caching
/// of pages that may show a requester's data.
public struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    public static var contentSecurityPolicy: String { PortalHeaders.contentSecurityPolicy }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = PortalHeaders.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        if let referrer = PortalHeaders.referrerPolicy { response.headers[referrer] = "no-referrer" }
        if let frameOptions = PortalHeaders.frameOptions { response.headers[frameOptions] = "DENY" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// The header values and names of `SecurityHeaders`, made once (a generic type cannot store them).
enum PortalHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let frameOptions = HTTPField.Name("X-Frame-Options")
}
