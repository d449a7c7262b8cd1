import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar.Audit {
    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Print inclusion proofs (JSON) of a request's events against the newest digest.",
            discussion: """
                The file can be checked without the database: `dsar audit check-proof FILE --digest SIZE:ROOT`, \
                or by anyone with RFC 9162 §2.1.3.2.

                Example:
                  dsar audit prove DSAR-2026-000012 > DSAR-2026-000012.proof.json
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String

        func run() throws {
            let session = try DeskSession.open(global)
            try JSONOutput.print(try AuditLog(session.db).prove(reference: reference, now: session.now))
        }
    }
}
