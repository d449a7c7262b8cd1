import DeskCore
import DeskStore
public import Foundation
public import Hummingbird
import Letters
public import Logging
import Postgres

/// The requester's portal (issue 17): the request form with e-mail verification, the status
/// page behind a one-time code, and letter verification, as one Hummingbird router.
///
/// Logs never carry what a visitor typed, codes, tokens or paths (a path may hold a letter's
/// verification code): only what failed, in general words.
public final class PortalServer: @unchecked Sendable {  // every stored property is immutable or locks itself
    public static let bodyLimit = 32 * 1024

    public let configuration: PortalConfiguration
    let pool: ConnectionPool
    public let pages: PortalPages
    let mailer: any CodeMailer
    let limiter = RateLimiter()
    let facts: DeskFactsCache
    let logger: Logger
    /// The desk's clock: `DSAR_NOW` when set, else the real time (DeskClock in DeskProgram).
    let clock: @Sendable () -> Date
    /// The empty form by language, organisation and policy, with `csrfMarker` for the token.
    let emptyForms = LockedPages()
    static let csrfMarker = "CSRF-TOKEN-MARKER"

    public init(
        configuration: PortalConfiguration, pool: ConnectionPool, templatesDirectory: URL, mailer: any CodeMailer, logger: Logger,
        clock: @escaping @Sendable () -> Date
    ) throws {
        self.configuration = configuration
        self.clock = clock
        self.pool = pool
        pages = try PortalPages(directory: templatesDirectory.appendingPathComponent("portal"))
        self.mailer = mailer
        self.logger = logger
        facts = DeskFactsCache(pool: pool)
    }

    // MARK: The router

    public func router() -> Router<PortalContext> {
        let router = Router(context: PortalContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: PortalErrorPages(server: self))
        router.get("/healthz") { _, _ in try await self.health() }
        router.get("/portal.css") { _, _ in
            var response = Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                                    body: .init(byteBuffer: ByteBuffer(string: self.pages.styleSheet)))
            response.headers[.contentLength] = String(self.pages.styleSheet.utf8.count)
            return response
        }
        router.get("/") { request, _ in try await self.form(request) }
        router.post("/request") { request, context in try await self.submit(request, context) }
        router.get("/confirm/{token}") { request, context in
            try await self.codePage(request, purpose: .submission, token: context.parameters.get("token") ?? "")
        }
        router.post("/confirm/{token}") { request, context in try await self.confirm(request, context, purpose: .submission) }
        router.get("/status") { request, _ in try await self.statusForm(request) }
        router.post("/status") { request, context in try await self.lookUp(request, context) }
        router.get("/status/code/{token}") { request, context in
            try await self.codePage(request, purpose: .lookup, token: context.parameters.get("token") ?? "")
        }
        router.post("/status/code/{token}") { request, context in try await self.confirm(request, context, purpose: .lookup) }
        router.get("/status/view") { request, _ in try await self.view(request) }
        router.post("/status/reply") { request, context in try await self.reply(request, context) }
        router.post("/status/logout") { request, context in try await self.logout(request, context) }
        router.get("/verify") { request, _ in try await self.verify(request, code: request.uri.queryParameters["code"].map(String.init)) }
        router.get("/verify/{code}") { request, context in try await self.verify(request, code: context.parameters.get("code")) }
        return router
    }

    /// The application listening where the configuration says.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            logger: logger)
    }

    /// Deletes unverified submissions and look-ups after 24 hours, every ten minutes.
    public func housekeeping() async {
        while !Task.isCancelled {
            do {
                let removed = try await pool.withConnection { try PortalStore($0).purge(now: self.clock()) }
                if removed > 0 { logger.info("removed \(removed) unverified portal entries older than 24 hours or ended sessions") }
            } catch {
                logger.error("the portal's housekeeping could not reach the database")
            }
            try? await Task.sleep(nanoseconds: 600 * 1_000_000_000)
        }
    }

    // MARK: Pages

    func health() async throws -> Response {
        do {
            _ = try await pool.withConnection { try $0.query("SELECT 1").count }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        } catch {
            return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n")))
        }
    }

    func form(_ request: Request, form: RequestForm? = nil, problems: [RequestForm.Problem] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let visit = Visit(request, server: self)
        let desk = await facts.current()
        // The empty form is the same for every visitor of a language but for its CSRF token:
        // rendered once, with a marker the token replaces.
        let key = "\(visit.language.rawValue)|\(desk.organisation ?? "")|\(desk.policyName ?? "")"
        if form == nil, problems.isEmpty, let cached = emptyForms[key] {
            return visit.respond(body: cached.body(csrf: visit.csrf))
        }
        var errors: [String: String] = [:]
        for problem in problems where errors[problem.field] == nil { errors[problem.field] = pages.word(problem.message, visit.language) }
        let kinds = Right.allCases.map { right -> [String: Any] in
            ["value": right.rawValue, "name": pages.word("right.\(right.rawValue).name", visit.language),
             "text": pages.word("right.\(right.rawValue).text", visit.language), "checked": form?.kind == right]
        }
        var values: [String: Any] = [
            "title": pages.word("form.title", visit.language), "kinds": kinds, "errors": errors, "has_errors": !errors.isEmpty,
            "values": ["name": form?.name ?? "", "email": form?.email ?? "", "phone": form?.phone ?? "", "details": form?.details ?? ""],
        ]
        if let policy = desk.policyName { values["policy_line"] = pages.word("form.policy", visit.language, ["policy": policy]) }
        if form == nil, problems.isEmpty {
            let page = CachedPage(html: visit.render("form", values: values, csrf: Self.csrfMarker), marker: Self.csrfMarker)
            emptyForms[key] = page
            return visit.respond(body: page.body(csrf: visit.csrf))
        }
        return visit.page("form", values: values, status: status)
    }

    func submit(_ request: Request, _ context: PortalContext) async throws -> Response {
        let visit = Visit(request, server: self)
        let body = try await formBody(request)
        guard visit.acceptsCSRF(body) else { return visit.refusedCSRF() }
        let limits = configuration.limits
        guard limiter.allow("submit-ip:\(visit.client(context))", rule: limits.submissionsPerAddress) else { return visit.tooMany() }
        let token = PortalSecret.token()
        // The honeypot: a robot that filled the hidden field gets the same answer and nothing is kept.
        if !(body["website"] ?? "").isEmpty { return Visit.redirect("/confirm/\(token)") }
        let (form, problems) = RequestForm.parse(body)
        guard problems.isEmpty, let kind = form.kind else {
            return try await self.form(request, form: form, problems: problems, status: .unprocessableContent)
        }
        guard limiter.allow("submit-email:\(form.email.lowercased())", rule: limits.submissionsPerEmail) else { return visit.tooMany() }
        let code = PortalSecret.code()
        let language = visit.language
        try await pool.withConnection { db in
            try PortalStore(db).submit(form, kind: kind, language: language, challenge: token, code: code, now: self.clock())
        }
        await sendCode(code, purpose: .submission, language: language, to: form.email)
        return Visit.redirect("/confirm/\(token)")
    }

    func codePage(_ request: Request, purpose: CodeMail.Purpose, token: String, problem: String? = nil, canEnter: Bool = true,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let visit = Visit(request, server: self)
        let action = purpose == .submission ? "/confirm/\(token)" : "/status/code/\(token)"
        let values: [String: Any] = [
            "title": pages.word("sent.title", visit.language), "notice": problem == nil ? pages.word("sent.text", visit.language) : "",
            "problem": problem ?? "", "can_enter": canEnter, "action": action,
            "restart": purpose == .submission ? "/" : "/status",
        ]
        return visit.page("code", values: values, status: status)
    }

    func confirm(_ request: Request, _ context: PortalContext, purpose: CodeMail.Purpose) async throws -> Response {
        let visit = Visit(request, server: self)
        let body = try await formBody(request)
        guard visit.acceptsCSRF(body) else { return visit.refusedCSRF() }
        guard limiter.allow("code-ip:\(visit.client(context))", rule: configuration.limits.codeAttemptsPerAddress) else { return visit.tooMany() }
        let token = context.parameters.get("token") ?? ""
        let code = PortalSecret.typedCode(body["code"])
        let session = PortalSecret.token()
        let outcome: PortalStore.CodeOutcome = try await pool.withConnection { db in
            switch purpose {
            case .submission:
                return try PortalStore(db).confirmSubmission(challenge: token, code: code, now: self.clock())
            case .lookup:
                return try PortalStore(db).confirmLookup(challenge: token, code: code, sessionToken: session, now: self.clock())
            }
        }
        switch outcome {
        case .verified:
            // The desk's promoter registers it; the acknowledgement brings the reference.
            return visit.page("registered", values: [
                "title": pages.word("registered.title", visit.language), "text": pages.word("registered.text", visit.language),
            ])
        case .opened:
            var response = Visit.redirect("/status/view")
            response.setCookie(visit.cookie("status", session, maxAge: Int(PortalStore.sessionLifetime)))
            return response
        case .wrong(let left):
            return try await codePage(request, purpose: purpose, token: token,
                                      problem: pages.word("code.wrong", visit.language, ["n": String(left)]), status: .unprocessableContent)
        case .locked:
            return try await codePage(request, purpose: purpose, token: token, problem: pages.word("code.locked", visit.language),
                                      canEnter: false, status: .unprocessableContent)
        case .expired:
            return try await codePage(request, purpose: purpose, token: token, problem: pages.word("code.expired", visit.language),
                                      canEnter: false, status: .unprocessableContent)
        case .unknown:
            // A look-up's unknown token reads like a wrong code of a real one (no enumeration);
            // a submission's was never a request.
            if purpose == .lookup {
                return try await codePage(request, purpose: purpose, token: token,
                                          problem: pages.word("code.wrong", visit.language, ["n": "0"]), canEnter: false, status: .unprocessableContent)
            }
            return try await codePage(request, purpose: purpose, token: token, problem: pages.word("code.unknown", visit.language),
                                      canEnter: false, status: .unprocessableContent)
        }
    }

    func statusForm(_ request: Request, reference: String = "", email: String = "", problem: String? = nil,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let visit = Visit(request, server: self)
        return visit.page("status", values: [
            "title": pages.word("status.title", visit.language), "problem": problem ?? "",
            "values": ["reference": reference, "email": email],
        ], status: status)
    }

    func lookUp(_ request: Request, _ context: PortalContext) async throws -> Response {
        let visit = Visit(request, server: self)
        let body = try await formBody(request)
        guard visit.acceptsCSRF(body) else { return visit.refusedCSRF() }
        guard limiter.allow("lookup-ip:\(visit.client(context))", rule: configuration.limits.lookupsPerAddress) else { return visit.tooMany() }
        let reference = RequestForm.clean(body["reference"]).uppercased()
        let email = RequestForm.clean(body["email"])
        guard !reference.isEmpty, reference.count <= 20, RequestForm.isEmail(email) else {
            return try await statusForm(request, reference: String(reference.prefix(20)), email: String(email.prefix(254)),
                                        problem: pages.word("error.email", visit.language), status: .unprocessableContent)
        }
        guard limiter.allow("lookup-email:\(email.lowercased())", rule: configuration.limits.lookupsPerEmail) else { return visit.tooMany() }
        let token = PortalSecret.token()
        let code = PortalSecret.code()
        let matched = try await pool.withConnection { db in
            try PortalStore(db).lookUp(reference: reference, email: email, challenge: token, code: code, now: self.clock())
        }
        // The answer is the same either way; the code goes out (in the background) only on a match.
        if matched { await sendCode(code, purpose: .lookup, language: visit.language, to: email) }
        return Visit.redirect("/status/code/\(token)")
    }

    func view(_ request: Request, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let visit = Visit(request, server: self)
        guard let token = request.cookies["status"]?.value,
            let shown = try await pool.withConnection({ try PortalStore($0).status(session: token, now: self.clock()) })
        else { return Visit.redirect("/status") }
        let language = visit.language
        let dates = PortalDates(language: language, timeZone: shown.timeZone)
        let letters = shown.letters.reversed().map { letter -> [String: Any] in
            ["date": dates.day(letter.producedAt), "kind": pages.word("letter.\(letter.kind)", language),
             "subject": letter.subject, "body": letter.body]
        }
        var values: [String: Any] = [
            "title": pages.word("view.title", language, ["reference": shown.reference]),
            "kind": pages.word("right.\(shown.kind.rawValue).name", language),
            "state": pages.word("state.\(shown.state.rawValue)", language),
            "received": dates.day(shown.receivedAt), "due": dates.day(shown.dueOn), "letters": letters,
            "thanks": request.uri.queryParameters["sent"] != nil, "problem": problem ?? "",
        ]
        if shown.dueOn != shown.originalDueOn {
            values["extended"] = pages.word("view.extended", language, ["date": dates.day(shown.originalDueOn)])
        }
        return visit.page("view", values: values, status: status)
    }

    func reply(_ request: Request, _ context: PortalContext) async throws -> Response {
        let visit = Visit(request, server: self)
        let body = try await formBody(request)
        guard visit.acceptsCSRF(body) else { return visit.refusedCSRF() }
        guard let token = request.cookies["status"]?.value else { return Visit.redirect("/status") }
        guard limiter.allow("reply:\(PortalSecret.hash(token: token))", rule: configuration.limits.repliesPerSession) else { return visit.tooMany() }
        let text = RequestForm.freeText(body["message"])
        guard !text.isEmpty, text.count <= RequestForm.detailsLimit, !RequestForm.hasControlCharacters(text) else {
            return try await view(request, problem: pages.word("error.details_long", visit.language), status: .unprocessableContent)
        }
        guard try await pool.withConnection({ try PortalStore($0).reply(session: token, text: text, now: self.clock()) }) else {
            return Visit.redirect("/status")
        }
        return Visit.redirect("/status/view?sent=1")
    }

    func logout(_ request: Request, _ context: PortalContext) async throws -> Response {
        let visit = Visit(request, server: self)
        let body = try await formBody(request)
        guard visit.acceptsCSRF(body) else { return visit.refusedCSRF() }
        if let token = request.cookies["status"]?.value { try await pool.withConnection { try PortalStore($0).endSession(token) } }
        var response = Visit.redirect("/status")
        response.setCookie(visit.cookie("status", "", maxAge: 0))
        return response
    }

    func verify(_ request: Request, code: String?) async throws -> Response {
        let visit = Visit(request, server: self)
        var values: [String: Any] = ["title": pages.word("verify.title", visit.language), "code": String((code ?? "").prefix(20))]
        if let code, !code.isEmpty {
            values["checked"] = true
            let typed = String(code.prefix(40))
            if let letter = try await pool.withConnection({ try PortalStore($0).verify(code: typed) }) {
                let dates = PortalDates(language: visit.language, timeZone: await facts.current().timeZone)
                values["letter"] = [
                    "organisation": letter.organisation, "kind": pages.word("letter.\(letter.kind)", visit.language),
                    "date": dates.day(letter.producedAt), "reference": letter.reference,
                ]
            }
        }
        return visit.page("verify", values: values, status: values["checked"] != nil && values["letter"] == nil ? .notFound : .ok)
    }

    // MARK: Helpers

    func formBody(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.bodyLimit)
        return FormBody(String(buffer: buffer))
    }

    func sendCode(_ code: String, purpose: CodeMail.Purpose, language: Language, to recipient: String) async {
        let desk = await facts.current()
        let sender = desk.sender ?? "no-reply@\(desk.domain)"
        let message = CodeMail.compose(
            code: code, purpose: purpose, language: language, text: pages.text, sender: sender, recipient: recipient,
            domain: desk.domain, now: self.clock())
        mailer.send(message, from: sender, to: recipient)
    }
}

/// A page rendered once with a marker where each visitor's CSRF token goes, kept as the bytes
/// around the marker: a visit only copies them (no template, no search and replace).
struct CachedPage: Sendable {
    let parts: [[UInt8]]
    let length: Int

    init(html: String, marker: String) {
        parts = html.components(separatedBy: marker).map { Array($0.utf8) }
        length = parts.reduce(0) { $0 + $1.count }
    }

    func body(csrf: String) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: length + (parts.count - 1) * csrf.utf8.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { buffer.writeString(csrf) }
            buffer.writeBytes(part)
        }
        return buffer
    }
}

/// Rendered pages by key, behind a lock (the empty form of each language).
final class LockedPages: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: CachedPage] = [:]

    subscript(key: String) -> CachedPage? {
        get { lock.withLock { pages[key] } }
        set { lock.withLock { pages[key] = newValue } }
    }
}
