import ArgumentParser

extension Dsar {
    /// `dsar db …`: manage the database.
    struct Db: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Manage the desk's database: start, stop, status, url, migrate.",
            discussion: """
                Without --database-url or DSAR_DATABASE_URL, dsar keeps its data in a private local \
                PostgreSQL cluster (Unix socket only) that starts by itself when a command needs it.

                Example:
                  dsar db status
                """,
            subcommands: [Start.self, Stop.self, Status.self, URL.self, Migrate.self]
        )
    }
}
