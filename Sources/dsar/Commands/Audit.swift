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
                let old = try digest.map { text throws(DeskFailure) in
                    do throws(DeskCoreError) { return try AuditDigest(parsing: text) } catch {
                        throw DeskFailure(message: error.message, exitCode: DeskFailure.badInput)
                    }
                }
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
                        message: "The audit log is broken at \(place): \(broken.message) Restore the log from a backup and investigate who changed it.",
                        exitCode: DeskFailure.refused)
                }
                if let why = result.notExtending {
                    throw DeskFailure(message: why + " Restore the log from a backup and investigate who changed it.", exitCode: DeskFailure.refused)
                }
                var line = "The audit log is intact: \(result.checked) events checked, \(result.sealed) sealed in \(result.seals) seals"
                if let extends = result.extends { line += "; it extends the digest \(extends.token)" }
                print(line + ".")
            }
        }

        struct Seal: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "seal",
                abstract: "Seal the committed events not yet sealed (every write command does this too).",
                discussion: "Example:\n  dsar audit seal")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = try DeskSession.open(global)
                switch try AuditLog(session.db).seal(now: session.now) {
                case .busy: print("Another sealer is at work; it seals what is pending.")
                case .nothingToSeal: print("Nothing to seal: every event is sealed.")
                case .sealed(let events, let seals, let latest):
                    print("Sealed \(events) events in \(seals) seal\(seals == 1 ? "" : "s"); \(latest)")
                }
            }
        }

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

        struct CheckProof: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "check-proof",
                abstract: "Check a proof file from `dsar audit prove` against a digest, offline (exit 4 when it fails).",
                discussion: "Example:\n  dsar audit check-proof DSAR-2026-000012.proof.json --digest 1204:3f1c0e…")
            @Argument(help: "The proof file (JSON).") var file: String
            @Option(help: "The digest SIZE:ROOT the proof must lead to.") var digest: String

            func run() throws {
                let expected: AuditDigest
                do throws(DeskCoreError) { expected = try AuditDigest(parsing: digest) } catch {
                    throw DeskFailure(message: error.message, exitCode: DeskFailure.badInput)
                }
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
                    throw DeskFailure(message: failure, exitCode: DeskFailure.refused)
                }
                print("The proof holds: \(proof.events.count) events of \(proof.reference) are in the log of digest \(expected.token).")
            }
        }
    }
}

/// `dsar audit digest --json`.
struct DigestJSON: Encodable {
    let size: Int
    let root: String
    let sealedAt: String?
    let digest: String

    init(_ digest: AuditDigest) {
        size = digest.size
        root = digest.root.hex
        sealedAt = digest.sealedAt.map(AuditEntry.iso8601Milliseconds)
        self.digest = digest.token
    }

    enum CodingKeys: String, CodingKey {
        case size, root, digest
        case sealedAt = "sealed_at"
    }
}
