import ArgumentParser
import DeskStore

extension Dsar {
    /// `dsar demo`
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a small realistic sample: all six rights, four languages, every state.",
            discussion: """
                The sample is built through the real lifecycle, so every request has its audit trail. \
                Running it again on a desk that already holds requests changes nothing.

                Example:
                  dsar demo && dsar queue
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try DeskSession.open(global)
            let references = try SampleDesk(session.db).load(actor: session.actor, now: session.now)
            if references.isEmpty {
                print("The desk already holds requests; the sample was not loaded again.")
            } else {
                print("Loaded \(references.count) sample requests: \(references.first ?? "") … \(references.last ?? "").")
            }
        }
    }
}
