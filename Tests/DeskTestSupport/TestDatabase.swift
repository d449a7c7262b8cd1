import DeskStore
public import Foundation
public import Postgres

/// A fresh, uniquely named database on the test server, dropped when the test ends.
///
/// The server is named by `DSAR_TEST_DATABASE_URL` (a superuser URL such as
/// `postgresql://dsar@%2Ftmp%2Fsock/postgres`; `make test` sets it). Migrated databases are
/// copied from a template that is migrated once per version of `SQL/`, so each test pays for a
/// `CREATE DATABASE … TEMPLATE …`, not for the migrations.
///
///     @Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
///     struct RequestTests {
///         @Test func stores() throws {
///             try TestDatabase.withDatabase(migrated: true) { database in
///                 try database.connection.execute("…")
///             }
///         }
///     }
public final class TestDatabase {
    /// The environment variable naming the test server.
    public static let environmentVariable = "DSAR_TEST_DATABASE_URL"

    /// Whether a test server is configured; tests that need one are skipped otherwise.
    public static var isConfigured: Bool { serverURL != nil }

    /// Why database tests are skipped, for `.enabled(if:_:)` as `Comment(rawValue:)`.
    public static let skipReason =
        "DSAR_TEST_DATABASE_URL is not set; run `make test`, which starts a throwaway PostgreSQL and sets it."

    /// The maintenance URL of the test server, if configured.
    public static var serverURL: String? {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else { return nil }
        return url
    }

    /// The database's name (`dsar_test_…`).
    public let name: String
    /// A URL for this database, for other connections and for the `dsar` binary.
    public let url: String
    /// A connection to this database, opened when it was created.
    public let connection: Connection
    private var dropped = false

    private init(name: String, url: String) throws {
        self.name = name
        self.url = url
        connection = try Connection(url)
    }

    /// Creates a fresh database, migrated from `SQL/` when `migrated` is true.
    public static func create(migrated: Bool = false) throws -> TestDatabase {
        let serverURL = try requireServerURL()
        let name = "dsar_test_" + randomSuffix()
        let admin = try Connection(serverURL)
        if migrated {
            let template = try TemplateCache.shared.templateName(serverURL: serverURL)
            try admin.execute("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
        } else {
            try admin.execute("CREATE DATABASE \(identifier: name)")
        }
        return try TestDatabase(name: name, url: databaseURL(serverURL, database: name))
    }

    /// Runs `body` with a fresh database and drops the database afterwards, even when `body` throws.
    public static func withDatabase<T>(migrated: Bool = false, _ body: (TestDatabase) throws -> T) throws -> T {
        let database = try create(migrated: migrated)
        defer { try? database.drop() }
        return try body(database)
    }

    /// Opens another connection to this database (for tests of concurrent sessions).
    public func connect() throws -> Connection { try Connection(url) }

    /// Drops the database, ending any session still connected to it. Idempotent.
    public func drop() throws {
        guard !dropped else { return }
        let admin = try Connection(try Self.requireServerURL())
        try admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        dropped = true
    }

    /// The `SQL/` directory of this checkout.
    public static var sqlDirectory: URL {
        repositoryRoot.appendingPathComponent("SQL")
    }

    /// The root of this checkout (Tests/DeskTestSupport/TestDatabase.swift → ../..).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func requireServerURL() throws -> String {
        guard let serverURL else {
            throw TestDatabaseError("\(environmentVariable) is not set; run the tests with `make test`.")
        }
        return serverURL
    }

    static func randomSuffix() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(to: 16)
    }

    /// The server URL with its database replaced by `database`. Accepts URLs
    /// (`postgresql://user@host/db?opts`) and conninfo strings (`host=… dbname=…`).
    public static func databaseURL(_ serverURL: String, database: String) -> String {
        guard let schemeEnd = serverURL.range(of: "://") else {
            // conninfo: a later keyword overrides an earlier one.
            return serverURL + " dbname='" + database + "'"
        }
        let rest = serverURL[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let query = rest[authorityEnd...].firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(serverURL[..<authorityEnd]) + "/" + database + query
    }
}

/// A failure of the test support itself (not of the code under test).
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
