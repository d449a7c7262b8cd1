import ArgumentParser
import DeskProgram

/// `dsar-bench`: in-process drivers for the benchmarks a `dsar` process per step cannot measure
/// (spawning a process per transition costs more than the transition). Each driver calls the same
/// library functions as the CLI command it stands for and prints one JSON object.
@main
struct DsarBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsar-bench",
        abstract: "Benchmark drivers for `make bench` (scripts/bench/run.py).",
        discussion: """
            Example:
              dsar-bench prepare-claims --database-url "$URL" --requests 8000
              dsar-bench claim-loops --database-url "$URL" --loops 8
              dsar-bench letters --database-url "$URL" --letters 10000 --output /tmp/letters
              dsar-bench sha256 --events 1000000
            """,
        subcommands: [PrepareClaimsCommand.self, ClaimLoopsCommand.self, LettersCommand.self, HashCommand.self])

    /// Runs a driver; a failure ends as one sentence and SPEC §8's exit code, as in `dsar`.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            DeskFailure.exit(after: error, program: "dsar-bench", command: Self.self)
        }
    }
}
