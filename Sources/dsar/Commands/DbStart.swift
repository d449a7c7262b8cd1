import ArgumentParser
import DeskProgram
import DeskStore
import Foundation

extension Dsar.Db {
    /// `dsar db start`
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Create (first time), start and migrate the local database.",
            discussion: "Example:\n  dsar db start")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            guard case .embedded(let database) = global.target else {
                throw DeskFailure(message: "A database URL is configured, so there is no local database to start; unset DSAR_DATABASE_URL to use it.", exitCode: DeskFailure.badInput)
            }
            let actions = try database.start()
            _ = try global.target.connect()
            print(actions.isEmpty ? "The local database is already running (\(database.root.path))." : actions.joined(separator: "\n"))
        }
    }
}
