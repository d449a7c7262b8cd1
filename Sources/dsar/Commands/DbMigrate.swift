import ArgumentParser
import DeskStore

extension Dsar.Db {
    /// `dsar db migrate`
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending SQL migrations in one transaction (running it twice is harmless).",
            discussion: "Example:\n  DSAR_DATABASE_URL=postgresql://dsar@localhost/dsar dsar db migrate")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let connection = try global.target.connect()
            let applied = try Migrator(directory: try ResourceLocator.sqlDirectory()).migrate(connection)
            if applied.isEmpty {
                print("The schema is up to date.")
            } else {
                for migration in applied { print("applied \(String(format: "%04d", migration.version))_\(migration.name).sql") }
            }
        }
    }
}
