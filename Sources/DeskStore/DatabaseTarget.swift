public import Foundation
public import Logging
public import Postgres

/// Which database a command talks to (SPEC §8): `--database-url`, else `DSAR_DATABASE_URL`,
/// else the standard `PG*` variables, else the embedded local database.
public enum DatabaseTarget: Sendable {
    /// An explicit URL or conninfo string.
    case url(String)
    /// libpq's own defaults from `PGHOST`, `PGDATABASE`, … .
    case environment
    /// The private local cluster, started and migrated on demand.
    case embedded(EmbeddedDatabase)

    public static func resolve(
        explicitURL: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DatabaseTarget {
        if let explicitURL, !explicitURL.isEmpty { return .url(explicitURL) }
        if let url = environment["DSAR_DATABASE_URL"], !url.isEmpty { return .url(url) }
        if !(environment["PGHOST"] ?? "").isEmpty || !(environment["PGDATABASE"] ?? "").isEmpty { return .environment }
        return .embedded(.defaultLocation(environment: environment))
    }

    /// Opens a connection; the embedded database is created, started and migrated as needed.
    public func connect(logger: Logger = Logger(label: "dsar.store")) throws -> Connection {
        switch self {
        case .url(let url):
            return try open(url)
        case .environment:
            return try open("")
        case .embedded(let database):
            if let connection = try? Connection(database.url) {
                try migrateIfNeeded(connection, logger: logger)
                return connection
            }
            try database.start()
            try createDatabaseIfMissing(database)
            let connection = try open(database.url)
            try migrateIfNeeded(connection, logger: logger)
            return connection
        }
    }

    /// Where the data lives, for messages (never includes a password).
    public var displayName: String {
        switch self {
        case .url(let url): return Self.redacted(url)
        case .environment: return "the database named by the PG* environment variables"
        case .embedded(let database): return "the local database in \(database.root.path)"
        }
    }

    private func open(_ conninfo: String) throws -> Connection {
        do {
            return try Connection(conninfo)
        } catch let error as PostgresError where error.isConnectionProblem {
            switch self {
            case .url: throw StoreError(.databaseUnreachable, name: displayName)
            case .environment: throw StoreError(.databaseUnreachableFromEnvironment, name: displayName)
            case .embedded(let database): throw StoreError(.localDatabaseUnreachable, name: displayName, detail: database.logFile.path)
            }
        }
    }

    private func createDatabaseIfMissing(_ database: EmbeddedDatabase) throws {
        let admin = try open(database.maintenanceURL)
        let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = \(EmbeddedDatabase.databaseName)")
        if exists.count == 0 {
            do {
                try admin.execute("CREATE DATABASE \(identifier: EmbeddedDatabase.databaseName)")
            } catch let error as PostgresError where error.sqlState == "42P04" {
                // Another dsar process created it a moment ago.
            }
        }
    }

    private func migrateIfNeeded(_ connection: Connection, logger: Logger) throws {
        let migrator = Migrator(directory: try ResourceLocator.sqlDirectory(), logger: logger)
        if try !migrator.isUpToDate(connection) { try migrator.migrate(connection) }
    }

    /// The URL without its password.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.scheme != nil else { return "the configured database" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "the configured database"
    }
}
