import DeskCore
import DeskPortal
import DeskStore
import DeskTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LetterDesk
import Letters
import Logging
import Postgres

/// Keeps the mails the portal would send, so a test can read the code it was sent.
final class RecordingMailer: CodeMailer, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [(recipient: String, eml: String)] = []

    func send(_ message: ComposedEmail, from sender: String, to recipient: String) {
        lock.withLock { sent.append((recipient, message.eml)) }
    }

    var messages: [(recipient: String, eml: String)] { lock.withLock { sent } }

    /// The six-digit code of the newest mail to `recipient`.
    func code(for recipient: String) -> String? {
        guard let eml = messages.last(where: { $0.recipient == recipient })?.eml else { return nil }
        let parts = eml.components(separatedBy: "\r\n\r\n")
        guard parts.count >= 2, let data = Data(base64Encoded: parts[1].replacingOccurrences(of: "\r\n", with: "")),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        return text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }.map(String.init)
    }
}

/// A portal on a fresh migrated database with the settings letters need, connected as a login
/// in `dsar_portal` (as in production); the desk's promoter runs as a login in `dsar_desk`.
struct PortalHarness: @unchecked Sendable {  // one test task uses it at a time
    let database: TestDatabase
    let server: PortalServer
    let mailer = RecordingMailer()
    /// The logins made for this database (dropped with it).
    let portalUser: String, deskUser: String

    static let settings = [
        "organisation.name": "IT-Park", "organisation.address": "Toshkent, Mirzo Ulugʻbek 1", "dpo.name": "Dilnoza Karimova",
        "dpo.email": "dpo@desk.test",
    ]

    init(limits: PortalConfiguration.Limits = .standard, publicURL: String? = nil) throws {
        database = try TestDatabase.create(migrated: true)
        let settings = SettingsStore(database.connection)
        for (key, value) in Self.settings { _ = try settings.set(key, to: value, actor: "test", now: Date()) }
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        portalUser = "t_portal_" + suffix
        deskUser = "t_desk_" + suffix
        try database.connection.execute("CREATE ROLE \(identifier: portalUser) LOGIN IN ROLE dsar_portal")
        try database.connection.execute("CREATE ROLE \(identifier: deskUser) LOGIN IN ROLE dsar_desk")
        server = try PortalServer(
            configuration: PortalConfiguration(publicURL: publicURL, limits: limits),
            pool: ConnectionPool(target: .url(Self.url(database, user: portalUser)), size: 2),
            templatesDirectory: TestDatabase.repositoryRoot.appendingPathComponent("Templates"), mailer: mailer,
            logger: Logger(label: "test"), clock: { Date() })
    }

    static func url(_ database: TestDatabase, user: String) -> String {
        database.url + (database.url.contains("?") ? "&" : "?") + "user=" + user
    }

    /// A new connection as the portal's login.
    func portalConnection() throws -> Connection { try Connection(Self.url(database, user: portalUser)) }

    func run(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        defer {
            for user in [portalUser, deskUser] { _ = try? database.connection.execute("DROP ROLE IF EXISTS \(identifier: user)") }
            try? database.drop()
        }
        let app = Application(router: server.router())
        try await app.test(.router, test)
    }

    /// `dsar portal promote`, as a desk user.
    @discardableResult
    func promote() throws -> PortalPromoter.Outcome {
        let desk = try Connection(Self.url(database, user: deskUser))
        let renderer = try LetterRenderer(templatesDirectory: TestDatabase.repositoryRoot.appendingPathComponent("Templates"))
        return try PortalPromoter(db: desk, producer: LetterProducer(db: desk, renderer: renderer)).promote(now: Date())
    }

    func count(_ sql: Query) throws -> Int { try database.connection.query(sql).first?.decode(column: 0) ?? -1 }
}

/// A browser of sorts: keeps cookies, fills in the CSRF token, follows nothing by itself.
final class Visitor: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var language: String?

    init(_ client: any TestClientProtocol, language: String? = nil) {
        self.client = client
        self.language = language
    }

    var csrf: String { cookies["csrf"] ?? "" }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    @discardableResult
    func post(_ uri: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestResponse {
        var fields = fields
        if csrf, fields["csrf"] == nil { fields["csrf"] = self.csrf }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let language { headers[.acceptLanguage] = language }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String { headers[.location] ?? "" }
}
