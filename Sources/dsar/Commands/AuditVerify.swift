import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation

extension Dsar.Audit {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check every chain, every seal and (with --digest) that the log extends an old digest; exit 4 when not.",
            discussion: """
                Checks each request's hash chain and the desk chain, that every sealed event is in exactly \
                one place of the tree, every seal's root and the chain of seals. With --digest SIZE:ROOT (as \
                `dsar audit digest` printed it earlier) it also checks a consistency proof that today's log \
                extends that digest: what catches someone who rewrote history and recomputed every hash.

                Example:
                  dsar audit verify
                  dsar audit verify --digest 1204:3f1c0e…
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "An earlier digest, SIZE:ROOT, that today's log must extend.") var digest: String?

        func run() throws {
            let old = try digest.map { try AuditDigest(parsing: $0) }
            let session = try DeskSession.open(global)
            let result = try AuditLog(session.db).verify(against: old)
            if let broken = result.firstBreak {
                let place: String
                switch broken.reason {
                case .sealRoot, .sealChain: place = "seal #\(broken.sequence)"
                case .sealedLeaves: place = "leaf #\(broken.sequence)"
                default: place = "event #\(broken.sequence)"
                }
                throw DeskFailure(
                    message: "The audit log is broken at \(place): \(DeskFailure.sentence(broken)) Restore the log from a backup and investigate who changed it.",
                    exitCode: DeskFailure.refused)
            }
            if let why = result.notExtending {
                throw DeskFailure(message: DeskFailure.sentence(why) + " Restore the log from a backup and investigate who changed it.", exitCode: DeskFailure.refused)
            }
            var line = "The audit log is intact: \(result.checked) events checked, \(result.sealed) sealed in \(result.seals) seals"
            if let extends = result.extends { line += "; it extends the digest \(extends.token)" }
            print(line + ".")
        }
    }
}
