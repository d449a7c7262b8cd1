import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation

extension Dsar.Audit {
    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "digest",
            abstract: "Print the newest seal as one line (size, root, time) for a report or a publication.",
            discussion: """
                Keep the line: `dsar audit verify --digest SIZE:ROOT` later proves that the log still \
                extends it. --at gives the newest seal made by then (e.g. a month's end).

                Example:
                  dsar audit digest
                  dsar audit digest --json
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The newest seal made at or before this instant (ISO 8601).") var at: String?
        @Flag(help: "Print JSON: size, root, sealed_at, digest.") var json = false

        func run() throws {
            let session = try DeskSession.open(global)
            let log = AuditLog(session.db)
            log.sealQuietly(now: session.now, durable: true)
            let seal = try at.map { try log.seal(asOf: try session.occurredAt($0)) } ?? log.latestSeal()
            guard let digest = seal?.digest else {
                throw DeskFailure(message: "Nothing is sealed yet; record something or run `dsar audit seal`.", exitCode: DeskFailure.notFound)
            }
            if json {
                try JSONOutput.print(DigestJSON(digest))
            } else {
                print(digest)
            }
        }
    }
}
