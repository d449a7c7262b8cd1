import ArgumentParser
import DeskStore
import Foundation

extension Dsar.Db {
    /// `dsar db status`
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Say which database is used, where its data lives and whether it runs.",
            discussion: "Example:\n  dsar db status")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            switch global.target {
            case .embedded(let database):
                print("database: local (embedded PostgreSQL)")
                print("data:     \(database.dataDirectory.path)\(database.isInitialised ? "" : " (not created yet)")")
                print("socket:   \(database.socketDirectory.path)")
                print("log:      \(database.logFile.path)")
                print("server:   \(try database.isRunning() ? "running" : "stopped (starts with the next command)")")
            case .url, .environment:
                print("database: \(global.target.displayName)")
                do {
                    _ = try global.target.connect()
                    print("server:   reachable")
                } catch {
                    print("server:   unreachable")
                    throw error
                }
            }
        }
    }
}
