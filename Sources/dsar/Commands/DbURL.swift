import ArgumentParser
import DeskStore

extension Dsar.Db {
    /// `dsar db url`
    struct URL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the URL of the desk database (for psql and scripts).",
            discussion: "Example:\n  psql \"$(dsar db url)\"")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            switch global.target {
            case .embedded(let database):
                _ = try global.target.connect()
                print(database.url)
            case .url(let url):
                print(url)
            case .environment:
                print("")
            }
        }
    }
}
