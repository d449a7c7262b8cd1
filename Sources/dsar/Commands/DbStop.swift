import ArgumentParser
import DeskProgram
import DeskStore

extension Dsar.Db {
    /// `dsar db stop`
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Stop the local database server (any later command starts it again).",
            discussion: "Example:\n  dsar db stop")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            guard case .embedded(let database) = global.target else {
                throw DeskFailure(message: "A database URL is configured; stop that server with its own tools.", exitCode: DeskFailure.badInput)
            }
            print(try database.stop() ? "Stopped the local database." : "The local database was not running.")
        }
    }
}
