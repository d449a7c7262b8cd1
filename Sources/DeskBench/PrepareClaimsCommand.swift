import ArgumentParser
import DeskProgram
import Foundation
import Postgres

/// `dsar-bench prepare-claims`
struct PrepareClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare-claims",
        abstract: "Create requests in progress, nobody assigned, for `claim-loops`.",
        discussion: """
            Each request is registered and started through RequestStore, as `dsar new` and `dsar start` do; \
            prints {"prepared": N, "seconds": S}.

            Example:
              dsar-bench prepare-claims --database-url "$URL" --requests 8000
            """)

    @Option(help: "The migrated database to fill.") var databaseURL: String
    @Option(help: "How many requests (1–1000000).") var requests = 8_000

    func validate() throws {
        guard (1...1_000_000).contains(requests) else {
            throw ValidationError("--requests takes a whole number from 1 to 1000000.")
        }
    }

    func run() throws {
        let start = ContinuousClock.now
        let prepared = try ClaimLoopDriver.prepare(try Connection(databaseURL), count: requests, now: try DeskClock.now())
        try BenchOutput.print(["prepared": prepared, "seconds": BenchOutput.seconds(since: start)])
    }
}
