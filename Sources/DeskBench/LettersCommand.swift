import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation
import Letters
import Postgres

/// `dsar-bench letters`
struct LettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "Render letters of stored requests to files with the real templates.",
        discussion: """
            Reads the facts of --sample requests spread over the desk (not timed), then renders \
            --letters letters from them into --output, one file each, on --threads threads. Prints letters, seconds (render \
            and write), letters_per_second, load_seconds (templates and facts), the kinds rendered and \
            unreadable_requests (sampled requests whose stored evidence cannot be read, left out).

            Example:
              dsar-bench letters --database-url "$URL" --letters 10000 --output /tmp/letters
            """)

    @Option(help: "A database holding requests (e.g. after `dsar demo --requests N`).") var databaseURL: String
    @Option(help: "How many letters (1–1000000).") var letters = 10_000
    @Option(help: "How many distinct requests to take the letters from.") var sample = 1_000
    @Option(help: "An empty or new directory for the letter files.") var output: String
    @Option(help: "Rendering threads (default: one per core).") var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard (1...1_000_000).contains(letters) else { throw ValidationError("--letters takes a whole number from 1 to 1000000.") }
        guard (1...100_000).contains(sample) else { throw ValidationError("--sample takes a whole number from 1 to 100000.") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads takes a whole number from 1 to 64.") }
    }

    func run() throws {
        let loadStart = ContinuousClock.now
        let renderer = try LetterRenderer(templatesDirectory: try ResourceLocator.templatesDirectory())
        let (jobs, unreadable) = try LetterRenderingDriver.jobs(try Connection(databaseURL), sample: sample, now: try DeskClock.now())
        let loadSeconds = BenchOutput.seconds(since: loadStart)
        guard !jobs.isEmpty else {
            throw ValidationError("The database holds no request a letter can be written for; run `dsar demo --requests 1000` first.")
        }
        let directory = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let start = ContinuousClock.now
        let kinds = try LetterRenderingDriver.render(
            jobs, count: letters, threads: threads, renderer: renderer, into: directory)
        let seconds = BenchOutput.seconds(since: start)
        try BenchOutput.print([
            "letters": letters, "threads": threads, "seconds": seconds, "letters_per_second": seconds > 0 ? Double(letters) / seconds : 0,
            "load_seconds": loadSeconds, "distinct_requests": jobs.count, "unreadable_requests": unreadable,
            "kinds": Dictionary(uniqueKeysWithValues: kinds.map { ($0.key.rawValue, $0.value) }),
        ])
    }
}
