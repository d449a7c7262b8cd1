public import Foundation

/// The private PostgreSQL cluster `dsar` uses when no database is configured (SPEC §8).
///
/// Lives under `$DSAR_DATA_DIR`, else `$XDG_DATA_HOME/dsar/postgres`, else
/// `~/.local/share/dsar/postgres` (for root: `/var/lib/dsar/postgres`, because the server then
/// runs as the `postgres` user, which cannot enter `/root`). The server listens on a Unix socket
/// in `run/` only — no TCP port.
public struct EmbeddedDatabase: Sendable {
    /// The cluster's root directory (data, socket and log live below it).
    public let root: URL
    public var dataDirectory: URL { root.appendingPathComponent("data") }
    public var socketDirectory: URL { root.appendingPathComponent("run") }
    public var logFile: URL { root.appendingPathComponent("server.log") }
    public static let databaseName = "dsar"
    public static let superuser = "dsar"

    public init(root: URL) { self.root = root }

    /// The default location for this user.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> EmbeddedDatabase {
        if let explicit = environment["DSAR_DATA_DIR"], !explicit.isEmpty {
            return EmbeddedDatabase(root: URL(fileURLWithPath: explicit))
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return EmbeddedDatabase(root: URL(fileURLWithPath: xdg).appendingPathComponent("dsar/postgres"))
        }
        if getuid() == 0 {
            return EmbeddedDatabase(root: URL(fileURLWithPath: "/var/lib/dsar/postgres"))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return EmbeddedDatabase(root: URL(fileURLWithPath: home).appendingPathComponent(".local/share/dsar/postgres"))
    }

    /// The libpq URL of the desk database in this cluster.
    public var url: String {
        let host = socketDirectory.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketDirectory.path
        return "postgresql://\(Self.superuser)@\(host)/\(Self.databaseName)"
    }

    /// The URL of the cluster's maintenance database (for creating the desk database).
    var maintenanceURL: String {
        let host = socketDirectory.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketDirectory.path
        return "postgresql://\(Self.superuser)@\(host)/postgres"
    }

    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// Whether the server is running (`pg_ctl status`).
    public func isRunning() throws -> Bool {
        guard isInitialised else { return false }
        let result = try run(try ServerBinaries.locate().pgCtl, ["-D", dataDirectory.path, "status"])
        return result.status == 0
    }

    /// Creates the cluster if needed and starts the server; returns what it did.
    @discardableResult
    public func start() throws -> [String] {
        let binaries = try ServerBinaries.locate()
        var actions: [String] = []
        try prepareDirectories()
        if !isInitialised {
            let result = try run(binaries.initdb, [
                "-D", dataDirectory.path, "-U", Self.superuser, "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8",
            ])
            guard result.status == 0 else {
                throw StoreError(.initdbFailed, name: dataDirectory.path, detail: result.lastLine)
            }
            actions.append("created the local database cluster in \(dataDirectory.path)")
        }
        if try !isRunning() {
            let options = "-c listen_addresses='' -k '\(socketDirectory.path)' -c unix_socket_permissions=0700"
            let result = try run(binaries.pgCtl, [
                "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-o", options, "start",
            ])
            guard result.status == 0 else {
                throw StoreError(.localServerDidNotStart, name: logFile.path)
            }
            actions.append("started the local database server (socket in \(socketDirectory.path))")
        }
        return actions
    }

    /// Stops the server if it runs.
    @discardableResult
    public func stop() throws -> Bool {
        guard try isRunning() else { return false }
        let result = try run(try ServerBinaries.locate().pgCtl, ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
        guard result.status == 0 else {
            throw StoreError(.localServerDidNotStop, name: logFile.path)
        }
        return true
    }

    private func prepareDirectories() throws {
        let manager = FileManager.default
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        try manager.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: socketDirectory.path)
        if getuid() == 0 {
            // The server refuses to run as root: hand the directory to the postgres user.
            guard let account = getpwnam("postgres") else {
                throw StoreError(.rootNeedsPostgresUser)
            }
            let uid = account.pointee.pw_uid
            let gid = account.pointee.pw_gid
            for path in [root.path, socketDirectory.path] { chown(path, uid, gid) }
            if !manager.fileExists(atPath: logFile.path) { _ = manager.createFile(atPath: logFile.path, contents: nil) }
            chown(logFile.path, uid, gid)
            let probe = try run("/usr/bin/test", ["-w", root.path])
            guard probe.status == 0 else {
                throw StoreError(.postgresUserCannotWrite, name: root.path)
            }
        }
    }

    /// Runs a server program, as the `postgres` user when we are root.
    private func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, lastLine: String) {
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("dsar-server-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log")
        defer { try? FileManager.default.removeItem(at: capture) }
        let status: Int32
        if getuid() == 0 {
            status = try ProgramRunner.run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments, outputFile: capture.path)
        } else {
            status = try ProgramRunner.run(program, arguments, outputFile: capture.path)
        }
        let text = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        return (status, last)
    }
}
