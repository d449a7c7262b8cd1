public import Foundation
public import Logging
public import Postgres

/// Applies the numbered files of `SQL/` (`NNNN_name.sql`) in order, once each.
///
/// All pending files run in one transaction under an advisory lock, so two processes migrating
/// at once do not collide and a failing file leaves nothing behind. Applied files are recorded
/// with a SHA-256 of their content; a file changed after it was applied is refused.
public struct Migrator {
    /// One migration file.
    public struct Migration: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let script: String
    }

    public let directory: URL
    let logger: Logger

    public init(directory: URL, logger: Logger = Logger(label: "dsar.migrate")) {
        self.directory = directory
        self.logger = logger
    }

    /// The migrations found on disk, in order.
    public func migrations() throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var result: [Migration] = []
        for file in files where file.hasSuffix(".sql") {
            let stem = String(file.dropLast(4))
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]) else {
                throw StoreError(.migrationMisnamed, name: file)
            }
            let script = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            if let previous = result.last, previous.version == version {
                throw StoreError(.migrationNumberShared, value: String(parts[0]))
            }
            result.append(Migration(version: version, name: String(parts[1]), script: script))
        }
        return result
    }

    /// Applies what is pending and returns the versions applied (empty when up to date).
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Migration] {
        let available = try migrations()
        // Statements this session prepared may not fit the tables as migrated.
        defer { connection.forgetPreparedStatements() }
        return try connection.withTransaction { db in
            try db.query("SELECT pg_advisory_xact_lock(hashtext('dsar.migrate'))")
            try db.executeScript(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """)
            var applied: [Int: String] = [:]
            for row in try db.query("SELECT version, checksum FROM schema_migrations") {
                let (version, checksum) = try row.decode((Int, String).self)
                applied[version] = checksum
            }
            var done: [Migration] = []
            for migration in available {
                let checksum = try Self.checksum(migration.script, db)
                if let recorded = applied[migration.version] {
                    guard recorded == checksum else {
                        throw StoreError(.migrationChanged, name: "\(String(format: "%04d", migration.version))_\(migration.name).sql")
                    }
                    continue
                }
                logger.info("applying migration", metadata: ["migration.version": "\(migration.version)"])
                try db.executeScript(migration.script)
                if let step = Self.followUps[migration.version] { try step(db) }
                try db.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(checksum))")
                done.append(migration)
            }
            return done
        }
    }

    /// Whether every migration on disk is applied (a cheap check before normal commands).
    public func isUpToDate(_ connection: Connection) throws -> Bool {
        let available = Set(try migrations().map(\.version))
        let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
        guard try exists.first?.decode(column: 0, as: Bool.self) == true else { return available.isEmpty }
        let applied = Set(try connection.query("SELECT version FROM schema_migrations").map { try $0.decode(column: 0, as: Int.self) })
        return available.isSubset(of: applied)
    }

    /// Work in Swift that a migration needs right after its SQL, in the same transaction.
    static let followUps: [Int: @Sendable (Connection) throws -> Void] = [
        // 0090_sealed_audit_log: verify the chain written before it and seal it as the first seals,
        // at the migration transaction's time on the server, as `schema_migrations.applied_at` is.
        90: { db in try AuditLog.sealLegacyChain(db, now: try db.returned("SELECT now()", "time of the migration")) },
    ]

    static func checksum(_ script: String, _ db: Connection) throws -> String {
        let rows = try db.query("SELECT encode(sha256(convert_to(\(script), 'UTF8')), 'hex')")
        return try rows.first?.decode(column: 0, as: String.self) ?? ""
    }
}
