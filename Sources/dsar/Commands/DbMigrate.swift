import ArgumentParser
import DeskStore
import Foundation

extension Dsar.Db {
    /// `dsar db migrate`
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply the pending SQL migrations in one transaction (running it twice is harmless).",
            discussion: """
                With --grant, (re)apply the privileges of the roles dsar_owner, dsar_desk, dsar_report and dsar_portal \
                afterwards (needed after a migration adds tables) and print each step.

                Example:
                  DSAR_DATABASE_URL=postgresql://dsar@localhost/dsar dsar db migrate --grant
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Also (re)apply the grants of the desk's database roles and print what was granted.")
        var grant = false

        func run() throws {
            let connection = try global.target.connect()
            let applied = try Migrator(directory: try ResourceLocator.sqlDirectory()).migrate(connection)
            if applied.isEmpty {
                print("The schema is up to date.")
            } else {
                for migration in applied { print("applied \(String(format: "%04d", migration.version))_\(migration.name).sql") }
            }
            if grant {
                print("Privileges of dsar_owner, dsar_desk, dsar_report and dsar_portal in this database:")
                for step in try RoleGrants(connection).apply() { print("  " + step) }
            }
        }
    }
}
