import ArgumentParser
import DeskDemo
import DeskStore
import Foundation
import LetterDesk

extension Dsar {
    /// `dsar demo`
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Load a small realistic sample: all six rights, four languages, every state.",
            discussion: """
                The sample is built through the real lifecycle, so every request has its audit trail. \
                Running it again on a desk that already holds requests changes nothing.

                With --requests N it instead ADDS N synthetic requests (1 to 5,000,000) for benchmarks, \
                whatever the desk already holds: every right, policy, language and state, received over \
                the three years before now (DSAR_NOW), about 10 % of them still open, with audit events, \
                pauses, extensions, evidence and letters. They are loaded with COPY in ONE transaction: \
                an interrupted run leaves nothing, and running the same command again gives the same \
                database one uninterrupted run gives. On an empty desk the tables are truncated and \
                their indexes rebuilt after the load. Requesters are invented, with addresses on \
                example.* domains.

                Examples:
                  dsar demo && dsar queue
                  dsar demo --requests 1000000
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("requests"), help: "Add this many synthetic requests (1–5000000) instead of the sample.")
        var requests: String?

        func validate() throws {
            guard let requests else { return }
            guard let count = Int(requests), (1...SyntheticDesk.maximumCount).contains(count) else {
                throw ValidationError("--requests takes a whole number from 1 to \(SyntheticDesk.maximumCount), not \(requests).")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            if let requests, let count = Int(requests) {
                try loadSynthetic(count, session: session)
                return
            }
            let references = try SampleDesk(session.db).load(actor: session.actor, now: session.now)
            guard let first = references.first else {
                print("The desk already holds requests; the sample was not loaded again.")
                return
            }
            let acknowledgement = try SampleLetters(session.db).produce(for: references, actor: session.actor, now: session.now)
            print("Loaded \(references.count) sample requests: \(first) … \(references.last ?? first).")
            if let acknowledgement {
                print("\nOne of the letters (\(acknowledgement.letter.kind), verification code \(acknowledgement.letter.verificationCode)):\n")
                print(acknowledgement.content)
            }
        }

        private func loadSynthetic(_ count: Int, session: DeskSession) throws {
            let showsProgress = isatty(STDERR_FILENO) == 1
            let summary = try SyntheticDesk(session.db).generate(count: count, actor: session.actor, now: session.now) { done in
                if showsProgress { FileHandle.standardError.write(Data("\rsynthetic requests: \(done)/\(count)".utf8)) }
            }
            if showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            print("Added \(summary.requests) synthetic requests (\(summary.first ?? "") … \(summary.last ?? "")) and \(summary.events) audit events.")
        }
    }
}
