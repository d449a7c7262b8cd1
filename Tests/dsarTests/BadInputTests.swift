import DeskTestSupport
import Foundation
import Postgres
import Testing

/// Every command refuses bad input with exit 2 (or 3 for an unknown thing), one sentence on
/// stderr, and nothing written (issue 9 §4).
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct BadInputTests {
    static let reference = "DSAR-2026-000001"
    static let long = String(repeating: "x", count: 10_001)

    /// (arguments, expected exit code) — `REF` is replaced by an existing open request.
    static let cases: [([String], Int32)] = [
        (["show", "DSAR-2026-1"], 2),
        (["show", "REF; DROP TABLE requests"], 2),
        (["start", "DSAR-2026-999999"], 3),
        (["identity", "REF", "maybe"], 2),
        (["clarify", "REF", "--question", ""], 2),
        (["clarify", "REF", "--question", long], 2),
        (["extend", "REF", "--by", "0m", "--reason", "x"], 2),
        (["extend", "REF", "--by", "2y", "--reason", "x"], 2),
        (["extend", "REF", "--by", "1m", "--reason", ""], 2),
        (["record", "REF", "photo"], 2),
        (["record", "REF", "export", "--path", "x.json"], 2),
        (["assign", "REF", "bob\u{07}"], 2),
        (["new", "--kind", "access", "--name", "Ali", "--email", "a@example.uz", "--actor", "x\ny"], 2),
        (["record", "REF", "disclosure", "--path", "x.pdf", "--sha256", "nothex"], 2),
        (["record", "REF", "erasure", "--system", "CRM", "--categories", "contact", "--method", "deleted", "--approved-by", "DPO", "--performed-at", "2035-01-01"], 2),
        (["record", "REF", "erasure", "--system", "CRM", "--categories", "contact", "--method", "deleted"], 2),
        (["close", "REF", "--outcome", "done"], 2),
        (["close", "REF", "--outcome", "refused", "--ground", "bored"], 2),
        (["close", "REF", "--outcome", "fulfilled", "--ground", "excessive"], 2),
        (["withdraw", "REF", "--at", "yesterday"], 2),
        (["withdraw", "REF", "--at", "2018-06-01"], 2),
        (["new", "--kind", "access", "--name", "", "--email", "a@example.uz"], 2),
        (["new", "--kind", "access", "--name", String(repeating: "N", count: 201), "--email", "a@example.uz"], 2),
        (["new", "--kind", "access", "--name", "Ali\u{1B}[31m", "--email", "a@example.uz"], 2),
        (["new", "--kind", "access", "--name", "Ali", "--email", "a@@example.uz"], 2),
        (["new", "--kind", "access", "--name", "Ali", "--email", "a@example.uz", "--lang", "de"], 2),
        (["new", "--kind", "access", "--name", "Ali", "--email", "a@example.uz", "--channel", "fax"], 2),
        (["new", "--kind", "access", "--name", "Ali", "--email", "a@example.uz", "--phone", "call me"], 2),
        (["new", "--kind", "access", "--name", "Ali", "--email", "a@example.uz", "--details", long], 2),
        (["queue", "--state", "sleeping"], 2),
        (["queue", "--kind", "deletion"], 2),
        (["queue", "--limit", "-1"], 2),
        (["claim", "--kind", "deletion"], 2),
        (["calendar", "add", "2026-02-30", "Holiday"], 2),
        (["calendar", "add", "2026-03-20", ""], 2),
        (["calendar", "remove", "someday"], 2),
        (["policy", "show", "mars"], 3),
        (["report", "monthly", "2026-13"], 2),
        (["report", "monthly", "2018-12"], 2),
        (["report", "register", "--from", "2026-12-01", "--to", "2026-01-01"], 2),
        (["letter", "REF", "love_letter"], 2),
        (["letter", "verify", "not-a-code!"], 2),
        (["settings", "set", "organisation.nmae", "x"], 2),
        (["settings", "set", "dpo.email", "not-an-email"], 2),
        (["inbox", "convert", "abc", "--kind", "access"], 2),
        (["inbox", "dismiss", "999", "--reason", "spam"], 3),
        (["intake", "import", "/nonexistent/mailbox"], 2),
    ]

    /// Rows that a failed command must not have added or changed.
    static func fingerprint(_ database: TestDatabase) throws -> String {
        var parts: [String] = []
        for table in ["requests", "requesters", "events", "evidence", "letters", "holidays", "settings", "inbox_items", "messages"] {
            let rows = try database.connection.query("SELECT count(*) FROM \(identifier: table)")
            parts.append("\(table)=\(try rows.first?.decode(column: 0, as: Int.self) ?? -1)")
        }
        let versions = try database.connection.query("SELECT coalesce(sum(version), 0) FROM requests")
        parts.append("versions=\(try versions.first?.decode(column: 0, as: Int.self) ?? -1)")
        return parts.joined(separator: " ")
    }

    @Test("bad input is refused with the documented code and one sentence, nothing written", arguments: cases)
    func refused(_ arguments: [String], _ expected: Int32) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let environment = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]
            let created = try database.runDsar(
                ["new", "--kind", "erasure", "--name", "Ali Valiyev", "--email", "ali@example.uz"], environment: environment)
            #expect(created.status == 0)
            _ = try database.runDsar(["start", Self.reference], environment: environment)
            let before = try Self.fingerprint(database)
            let run = try database.runDsar(arguments.map { $0 == "REF" ? Self.reference : $0 }, environment: environment)
            #expect(run.status == expected, "\(arguments.prefix(4)): exit \(run.status), stderr: \(run.stderr)")
            #expect(!run.stderr.isEmpty)
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack"))
            #expect(try Self.fingerprint(database) == before, "\(arguments.prefix(4)) wrote something")
        }
    }
}
