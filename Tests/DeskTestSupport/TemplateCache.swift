import DeskStore
import Foundation
import Postgres

/// Creates, once per version of `SQL/`, a migrated template database (`dsar_template_<checksum>`).
///
/// The template is built under a server-wide advisory lock, so parallel tests and parallel test
/// processes build it once; it is migrated under a temporary name and renamed when complete, so
/// an interrupted run never leaves a half-migrated template behind.
final class TemplateCache: @unchecked Sendable {
    static let shared = TemplateCache()

    private let lock = NSLock()
    private var names: [String: String] = [:]

    /// An arbitrary constant: the advisory lock key of the template build.
    private static let lockKey: Int64 = 0x6473_6172_7465_7374

    /// The template's name on the server at `serverURL`, building it if needed.
    func templateName(serverURL: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let name = names[serverURL] { return name }
        let name = try build(serverURL: serverURL)
        names[serverURL] = name
        return name
    }

    private func build(serverURL: String) throws -> String {
        let migrator = Migrator(directory: TestDatabase.sqlDirectory)
        let name = "dsar_template_" + (try Self.checksum(migrator.migrations()))
        let admin = try Connection(serverURL)
        try admin.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? admin.query("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        if try admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)").count > 0 { return name }
        let building = name + "_building"
        try admin.execute("DROP DATABASE IF EXISTS \(identifier: building) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(identifier: building)")
        do {
            // The connection closes at the end of the scope: a template must have no sessions.
            let connection = try Connection(TestDatabase.databaseURL(serverURL, database: building))
            try migrator.migrate(connection)
        }
        try admin.execute("ALTER DATABASE \(identifier: building) RENAME TO \(identifier: name)")
        return name
    }

    /// FNV-1a (64 bit) over every migration's number, name and text: a name, not a security check.
    static func checksum(_ migrations: [Migrator.Migration]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for migration in migrations {
            mix(String(migration.version))
            mix(migration.name)
            mix(migration.script)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
