import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`) are on this machine.
struct ServerBinaries {
    let initdb: String
    let pgCtl: String

    /// Looks on `PATH`, then in Debian's `/usr/lib/postgresql/<version>/bin` (newest first).
    static func locate() throws -> ServerBinaries {
        var directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            let sorted = versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            directories += sorted.map { "/usr/lib/postgresql/\($0)/bin" }
        }
        for directory in directories {
            let initdb = directory + "/initdb"
            let pgCtl = directory + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                return ServerBinaries(initdb: initdb, pgCtl: pgCtl)
            }
        }
        throw StoreError(.postgresNotInstalled)
    }
}
