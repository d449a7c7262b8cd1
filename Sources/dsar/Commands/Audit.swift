import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar {
    /// `dsar audit verify | seal | digest | prove | check-proof`
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Check, seal and prove the tamper-evident audit log.",
            discussion: """
                Every event is chained to the previous event of its request; seals put committed events \
                into a Merkle tree (RFC 9162) whose root, the digest, can be published and checked later.

                Example:
                  dsar audit digest
                  dsar audit verify --digest 1204:3f1c…
                  dsar audit prove DSAR-2026-000012 > proof.json
                  dsar audit check-proof proof.json --digest 1204:3f1c…
                """,
            subcommands: [Verify.self, Seal.self, Digest.self, Prove.self, CheckProof.self])
    }
}
