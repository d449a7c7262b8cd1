import ArgumentParser
import DeskStore
import Foundation

/// Options every command that touches the desk accepts (SPEC §8).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (else DSAR_DATABASE_URL, PG* variables, or the local database).")
    var databaseURL: String?

    @Option(help: "Who is acting, for the audit log (else $USER).")
    var actor: String?

    /// The database this invocation uses.
    var target: DatabaseTarget { DatabaseTarget.resolve(explicitURL: databaseURL) }

    /// The acting person: `--actor`, else `$USER`, else `unknown`.
    var actorName: String {
        if let actor, !actor.isEmpty { return actor }
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        if let account = getpwuid(getuid()), let name = account.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
