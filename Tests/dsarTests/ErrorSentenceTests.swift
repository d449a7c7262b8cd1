import DeskTestSupport
import Foundation
import Testing

/// The store's failures are codes with fields; DeskProgram words them (DeskFailure+Store.swift) and
/// gives SPEC §8's exit code. These runs pin the exact sentence of a few of them, and the
/// DeskCore errors that the commands no longer wrap by hand.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct ErrorSentenceTests {
    static let environment = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]

    /// (arguments, exit code, the whole of stderr) — `REF` is an open erasure request under uz.
    static let cases: [([String], Int32, String)] = [
        (["show", "DSAR-2026-999999"], 3,
         "dsar: There is no request DSAR-2026-999999; check the reference with `dsar queue` or `dsar report register`.\n"),
        // A bare number takes the unit of the policy's cap; ZRU-547 allows no extension of an erasure.
        (["extend", "REF", "--by", "2", "--reason", "Archive search"], 4,
         "dsar: DSAR-2026-000001 cannot be extended: the uz policy allows no extension for erasure.\n"),
        (["settings", "get", "dpo.email"], 3,
         "dsar: dpo.email is not set; set it with `dsar settings set dpo.email VALUE`.\n"),
        (["letter", "REF", "acknowledgement"], 2,
         "dsar: Letters need the desk's details first; run `dsar settings set organisation.name \"…\"`, `dsar settings set organisation.address \"…\"`, `dsar settings set dpo.name \"…\"`, `dsar settings set dpo.email \"…\"`.\n"),
        (["inbox", "dismiss", "999", "--reason", "spam"], 3,
         "dsar: There is no inbox item 999; list them with `dsar inbox`.\n"),
        (["outbox", "retry", "999"], 3,
         "dsar: There is no letter 999 in the outbox; `dsar outbox` lists them.\n"),
    ]

    @Test("a store failure is one sentence built from its fields, with its exit code", arguments: cases)
    func sentence(_ arguments: [String], _ expected: Int32, _ stderr: String) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let created = try database.runDsar(
                ["new", "--kind", "erasure", "--name", "Ali Valiyev", "--email", "ali@example.uz"], environment: Self.environment)
            #expect(created.status == 0)
            let run = try database.runDsar(arguments.map { $0 == "REF" ? "DSAR-2026-000001" : $0 }, environment: Self.environment)
            #expect(run.status == expected, "\(arguments.prefix(3)): exit \(run.status)")
            #expect(run.stderr == stderr)
        }
    }

    /// DeskCore's own errors (a digest that cannot be read) are bad input, exit 2 — not
    /// "Unexpected failure" — now that no command wraps them by hand.
    @Test func deskCoreErrorsAreBadInput() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let verify = try database.runDsar(["audit", "verify", "--digest", "not-a-digest"], environment: Self.environment)
            #expect(verify.status == 2)
            #expect(verify.stderr.hasPrefix("dsar: ") && !verify.stderr.contains("Unexpected failure"))
            let proof = try database.runDsar(["audit", "check-proof", "/nonexistent.json", "--digest", "12:zz"], environment: Self.environment)
            #expect(proof.status == 2)
            #expect(!proof.stderr.contains("Unexpected failure"))
        }
    }
}
