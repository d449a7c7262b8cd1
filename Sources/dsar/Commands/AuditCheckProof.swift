import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation

extension Dsar.Audit {
    struct CheckProof: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-proof",
            abstract: "Check a proof file from `dsar audit prove` against a digest, offline (exit 4 when it fails).",
            discussion: "Example:\n  dsar audit check-proof DSAR-2026-000012.proof.json --digest 1204:3f1c0e…")
        @Argument(help: "The proof file (JSON).") var file: String
        @Option(help: "The digest SIZE:ROOT the proof must lead to.") var digest: String

        func run() throws {
            let expected = try AuditDigest(parsing: digest)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DeskFailure(message: "Cannot read \(file); give the path of a proof file from `dsar audit prove`.", exitCode: DeskFailure.notFound)
            }
            let proof: AuditProof
            do {
                proof = try JSONDecoder().decode(AuditProof.self, from: data)
            } catch {
                throw DeskFailure(message: "\(file) is not a proof file from `dsar audit prove` (its JSON does not fit).", exitCode: DeskFailure.badInput)
            }
            if let failure = proof.failure(against: expected) {
                throw DeskFailure(message: DeskFailure.sentence(failure, against: expected), exitCode: DeskFailure.refused)
            }
            print("The proof holds: \(proof.events.count) events of \(proof.reference) are in the log of digest \(expected.token).")
        }
    }
}
