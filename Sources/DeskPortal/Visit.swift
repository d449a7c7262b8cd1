import DeskCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One request as the portal answers it: its language and CSRF token (each with the cookie to
/// set when new) and the helpers that turn a page into a response.
struct Visit {
    let server: PortalServer
    let request: Request
    let language: Language
    let csrf: String
    private var cookies: [Cookie] = []

    init(_ request: Request, server: PortalServer) {
        self.server = server
        self.request = request
        let asked = PortalLanguage.named(request.uri.queryParameters["lang"].map(String.init))
        let remembered = PortalLanguage.named(request.cookies["lang"]?.value)
        language = asked ?? remembered ?? PortalLanguage.negotiate(request.headers[.acceptLanguage]) ?? .uzbekLatin
        if let existing = request.cookies["csrf"]?.value, existing.count == 64, existing.allSatisfy(\.isHexDigit) {
            csrf = existing
        } else {
            csrf = PortalSecret.token()
            cookies.append(cookie("csrf", csrf, maxAge: nil))
        }
        if let asked, asked != remembered { cookies.append(cookie("lang", asked.rawValue, maxAge: 365 * 24 * 3600)) }
    }

    /// A cookie of the portal: HttpOnly, SameSite=Strict, Secure behind TLS.
    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: server.configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The double-submit check: the form's `csrf` field equals the cookie the portal set.
    func acceptsCSRF(_ body: FormBody) -> Bool {
        guard let cookie = request.cookies["csrf"]?.value, cookie.count == 64, let field = body["csrf"] else { return false }
        return PortalSecret.same(cookie, field)
    }

    func page(_ name: String, values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        respond(html: render(name, values: values, csrf: csrf), status: status)
    }

    /// The page as HTML; `csrf` is the token its forms carry.
    func render(_ name: String, values: [String: Any], csrf: String) -> String {
        var values = values
        values["csrf"] = csrf
        if let organisation = server.facts.cachedOrganisation { values["organisation"] = organisation }
        return server.pages.render(name, language: language, values: values)
    }

    func respond(html: String, status: HTTPResponse.Status = .ok) -> Response {
        respond(body: ByteBuffer(string: html), status: status)
    }

    func respond(body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue,
                      .contentLength: String(body.readableBytes), .vary: "Accept-Language, Cookie"],
            body: .init(byteBuffer: body))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A page of one title and one sentence (429, 403, 404, 500).
    func message(_ key: String, status: HTTPResponse.Status) -> Response {
        page("message", values: ["title": server.pages.word("\(key).title", language), "text": server.pages.word("\(key).text", language)],
             status: status)
    }

    func tooMany() -> Response {
        var response = message("limit", status: .tooManyRequests)
        response.headers[.retryAfter] = "3600"
        return response
    }

    func refusedCSRF() -> Response { message("csrf", status: .forbidden) }

    /// nginx's header naming the client (`proxy_set_header X-Real-IP $remote_addr`).
    static let realIP = HTTPField.Name("X-Real-IP")

    /// The address the rate limits count: nginx's `X-Real-IP` when trusted, else the socket's.
    func client(_ context: PortalContext) -> String {
        if server.configuration.trustProxy, let name = Self.realIP, let forwarded = request.headers[name], !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return context.peerAddress ?? "local"
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .contentLength: "0"])
    }
}

/// Readable pages instead of Hummingbird's bare errors: 404, 413 and anything unexpected.
struct PortalErrorPages: RouterMiddleware {
    typealias Context = PortalContext
    let server: PortalServer

    func handle(_ request: Request, context: PortalContext, next: (Request, PortalContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let visit = Visit(request, server: server)
            switch error.status {
            case .notFound: return visit.message("notfound", status: .notFound)
            case .contentTooLarge: return visit.message("failure", status: .contentTooLarge)
            default: return visit.message("failure", status: error.status)
            }
        } catch {
            server.logger.error("a portal page failed: \(type(of: error))")
            return Visit(request, server: server).message("failure", status: .internalServerError)
        }
    }
}
