import ArgumentParser
import DeskStore

extension Dsar {
    /// `dsar demo`
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a small realistic sample of requests (or N synthetic ones).",
            discussion: "Example:\n  dsar demo")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            _ = try global.target.connect()
            print("Sample data: not yet implemented.")
        }
    }
}
