import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar intake import` end to end (SPEC §5): the built binary against a fresh database per test.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct IntakeImportTests {
    static let fixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/MailIntakeTests/Fixtures")
    /// The pipeline's expectations are the vocabulary's (the fixtures were written for it); the
    /// model's own choices are tested in MailIntakeTests and by `dsar intake evaluate`.
    static let environment = ["DSAR_NOW": "2026-04-01T10:00:00+05:00", "DSAR_INTAKE_MODEL": "none"]
    static let specKeys: Set<String> = [
        "source", "message_id", "from_name", "from_email", "subject", "date", "language", "kinds", "status", "reference",
        "reason", "confidence",
    ]

    struct Expectation: Decodable {
        let rights: [String]
        let status: String
        let reference: String?
        var duplicateOf: String?
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func emlFixtures() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func expectations() throws -> [String: Expectation] {
        let data = try #require(FileManager.default.contents(atPath: fixture("expected.json")))
        return try JSONDecoder().decode([String: Expectation].self, from: data)
    }

    /// Every line of `--json` output as a dictionary, checking each has exactly the SPEC §5 keys,
    /// `confidence`, and on a triage line `suggested`.
    static func records(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let triage = object["status"] as? String == "triage"
            #expect(Set(object.keys) == specKeys.union(triage ? ["suggested"] : []), "\(line.prefix(120))")
            return object
        }
    }

    static func byFile(_ records: [[String: Any]]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for record in records {
            let source = record["source"] as? String ?? ""
            result[(source as NSString).lastPathComponent] = record
        }
        return result
    }

    /// Row counts of every table the intake writes.
    static func counts(_ db: Connection) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for table in ["messages", "requests", "requesters", "cases", "inbox_items", "events"] {
            result[table] = try db.query("SELECT count(*)::bigint FROM \(identifier: table)").first?.decode(column: 0) ?? -1
        }
        return result
    }

    /// Creates a request whose reference is `DSAR-2026-<number>`, as if the desk had registered it earlier.
    @discardableResult
    static func request(numbered number: Int, in db: Connection) throws -> StoredRequest {
        try db.execute(
            """
            INSERT INTO reference_counters (year, last_value) VALUES (2026, \(number - 1))
            ON CONFLICT (year) DO UPDATE SET last_value = \(number - 1)
            """)
        let receivedAt = try #require(ISO8601DateFormatter().date(from: "2026-03-01T09:00:00Z"))
        return try RequestStore(db).create(
            NewRequest(kind: .access, requesterName: "Earlier Requester", email: "earlier@example.uz", receivedAt: receivedAt),
            actor: "test", now: receivedAt)
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func fixtureMailboxBecomesRequestsRepliesAndInboxItemsOnceOnly() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let expected = try Self.expectations()
            // The references the reply fixtures carry exist, so they thread.
            for number in [45, 123, 321, 777] { try Self.request(numbered: number, in: db) }
            let paths = try Self.emlFixtures().map(Self.fixture)
            let before = try Self.counts(db)

            let first = try database.runDsar(["intake", "import", "--json", "--actor", "intake"] + paths, environment: Self.environment)
            #expect(first.status == 0, "\(first.stderr)")
            let records = Self.byFile(try Self.records(first.stdout))
            #expect(records.count == expected.count)
            var requestsExpected = 0
            var statuses: [String: Int] = [:]
            for (name, expectation) in expected {
                let record = try #require(records[name], "\(name)")
                let status = expectation.duplicateOf == nil ? expectation.status : "duplicate"
                statuses[status, default: 0] += 1
                #expect(record["status"] as? String == status, "\(name)")
                if status == "new" {
                    #expect(record["kinds"] as? [String] == expectation.rights, "\(name)")
                    requestsExpected += expectation.rights.count
                    let references = (record["reference"] as? String ?? "").split(separator: ",")
                    #expect(references.count == expectation.rights.count, "\(name)")
                }
                if status == "reply" { #expect(record["reference"] as? String == expectation.reference, "\(name)") }
            }

            let after = try Self.counts(db)
            #expect(after["requests"] == (before["requests"] ?? 0) + requestsExpected)
            #expect(after["messages"] == expected.count - 1)  // dup_second is the same message as dup_first
            let byStatus = Dictionary(uniqueKeysWithValues: try db.query(
                "SELECT status, count(*)::bigint FROM messages GROUP BY status").map { try $0.decode((String, Int).self) })
            #expect(byStatus["new"] == statuses["new"])
            #expect(byStatus["reply"] == statuses["reply"])
            #expect(byStatus["triage"] == statuses["triage"])
            #expect(byStatus["quarantined"] == statuses["quarantined"])
            let inbox = Dictionary(uniqueKeysWithValues: try db.query(
                "SELECT status, count(*)::bigint FROM inbox_items GROUP BY status").map { try $0.decode((String, Int).self) })
            #expect(inbox == ["triage": statuses["triage"] ?? -1, "quarantined": statuses["quarantined"] ?? -1])
            // Quarantined messages keep their raw bytes.
            #expect(try db.query("SELECT 1 FROM messages WHERE status = 'quarantined' AND raw IS NULL").count == 0)

            // Siblings of one message share a case and point at it.
            let siblings = try db.query(
                """
                SELECT count(DISTINCT r.case_id)::bigint, count(*)::bigint FROM requests r JOIN messages m ON m.id = r.message_id
                WHERE m.source LIKE '%en_access_and_erasure.eml'
                """)
            let (cases, requests) = try #require(siblings.first).decode((Int, Int).self)
            #expect(cases == 1 && requests == 2)

            // Replies: attached, audited with the message row id only.
            let replies = try db.query(
                """
                SELECT m.id, r.reference, e.payload FROM messages m JOIN requests r ON r.id = m.request_id
                JOIN events e ON e.request_id = r.id AND e.event = 'reply_received'
                WHERE m.status = 'reply' ORDER BY r.reference
                """)
            #expect(replies.count == 4)
            for row in replies {
                let (id, _, payload) = try row.decode((Int64, String, String).self)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
                #expect(object.keys.sorted() == ["message_id"])
                #expect((object["message_id"] as? NSNumber)?.int64Value == id)
            }

            // The same mailbox again: nothing new, every message a duplicate.
            let second = try database.runDsar(["intake", "import", "--json"] + paths, environment: Self.environment)
            #expect(second.status == 0, "\(second.stderr)")
            let again = try Self.records(second.stdout)
            #expect(again.count == expected.count)
            #expect(again.allSatisfy { $0["status"] as? String == "duplicate" })
            #expect(try Self.counts(db) == after)
        }
    }

    @Test func replyByReferenceOrLetterAttachesAndDryRunWritesNothing() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let request = try Self.request(numbered: 1, in: db)
            try db.execute(
                """
                INSERT INTO letters (request_id, kind, language, format, sha256, verification_code, message_id, produced_at, produced_by)
                VALUES (\(request.id), 'acknowledgement', 'uz', 'eml', \(String(repeating: "a", count: 64)), 'TEST-CODE',
                        '<dsar.DSAR-2026-000001.1.x@desk.invalid>', now(), 'test')
                """)
            let byReference = try Self.temporaryFile("by-reference.eml", """
                From: Earlier Requester <earlier@example.uz>
                To: dpo@example.uz
                Subject: Re: [DSAR-2026-000001] my request
                Date: Mon, 30 Mar 2026 10:00:00 +0500
                Message-ID: <reply-ref@example.uz>

                Here is the copy of my passport you asked for.

                """)
            let byLetter = try Self.temporaryFile("by-letter.eml", """
                From: Earlier Requester <earlier@example.uz>
                To: dpo@example.uz
                Subject: Re: your letter
                Date: Mon, 30 Mar 2026 11:00:00 +0500
                Message-ID: <reply-letter@example.uz>
                In-Reply-To: <dsar.DSAR-2026-000001.1.x@desk.invalid>

                Thank you.

                """)
            let unknownReference = try Self.temporaryFile("unknown-reference.eml", """
                From: Someone Else <someone@example.uz>
                To: dpo@example.uz
                Subject: DSAR-2026-000999 please delete my data
                Date: Mon, 30 Mar 2026 12:00:00 +0500
                Message-ID: <unknown-ref@example.uz>

                Please delete all my personal data.

                """)
            let paths = [byReference, byLetter, unknownReference]
            let before = try Self.counts(db)
            let dry = try database.runDsar(["intake", "import", "--dry-run", "--json"] + paths, environment: Self.environment)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(try Self.counts(db) == before)
            let planned = Self.byFile(try Self.records(dry.stdout))
            #expect(planned["by-reference.eml"]?["status"] as? String == "reply")
            #expect(planned["by-reference.eml"]?["reference"] as? String == "DSAR-2026-000001")
            #expect(planned["by-letter.eml"]?["status"] as? String == "reply")
            #expect(planned["by-letter.eml"]?["reference"] as? String == "DSAR-2026-000001")
            // A reference the desk does not hold goes to a person, with the right the message seems to ask for.
            #expect(planned["unknown-reference.eml"]?["status"] as? String == "triage")
            #expect((planned["unknown-reference.eml"]?["reason"] as? String)?.contains("DSAR-2026-000999") == true)
            let suggested = planned["unknown-reference.eml"]?["suggested"] as? [[String: Any]]
            #expect(suggested?.first?["kind"] as? String == "erasure")
            #expect((suggested?.first?["probability"] as? Double ?? 0) > 0)

            // A dry run over the whole fixture set writes nothing either.
            let all = try database.runDsar(
                ["intake", "import", "--dry-run", "--json"] + (try Self.emlFixtures().map(Self.fixture)), environment: Self.environment)
            #expect(all.status == 0, "\(all.stderr)")
            #expect(try Self.records(all.stdout).count == (try Self.emlFixtures().count))
            #expect(try Self.counts(db) == before)
            // Its summary counts the requests it would create: one per right of each new message.
            let wouldCreate = try Self.records(all.stdout).filter { $0["status"] as? String == "new" }
                .reduce(0) { $0 + (($1["kinds"] as? [String])?.count ?? 0) }
            #expect(wouldCreate > 0)
            #expect(all.stderr.split(separator: "\n").contains { line in
                line.hasPrefix("requests (would create)") && line.split(separator: " ").last.map(String.init) == String(wouldCreate)
            }, "\(all.stderr)")

            let real = try database.runDsar(["intake", "import", "--json"] + paths, environment: Self.environment)
            #expect(real.status == 0, "\(real.stderr)")
            let done = Self.byFile(try Self.records(real.stdout))
            #expect(done["by-reference.eml"]?["status"] as? String == "reply")
            #expect(done["by-letter.eml"]?["status"] as? String == "reply")
            #expect(done["unknown-reference.eml"]?["status"] as? String == "triage")
            #expect(done["unknown-reference.eml"]?["reference"] is NSNull)
            let stored = try db.query(
                """
                SELECT i.suggested_kinds[1] FROM inbox_items i JOIN messages m ON m.id = i.message_id
                WHERE m.message_id = 'unknown-ref@example.uz' AND i.status = 'triage'
                """).first?.decode(column: 0, as: String?.self)
            #expect(stored == "erasure")
            let attached = try db.query(
                "SELECT count(*)::bigint FROM messages WHERE status = 'reply' AND request_id = \(request.id)").first?.decode(column: 0, as: Int.self)
            #expect(attached == 2)
            let events = try db.query(
                "SELECT count(*)::bigint FROM events WHERE event = 'reply_received' AND request_id = \(request.id)").first?.decode(column: 0, as: Int.self)
            #expect(events == 2)
            #expect(try db.query("SELECT in_reply_to FROM messages WHERE message_id = 'reply-letter@example.uz'").first?
                .decode(column: 0, as: String?.self) == "dsar.DSAR-2026-000001.1.x@desk.invalid")
        }
    }

    @Test func mboxMaildirEmlAndStdinInOneCommand() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(
                ["intake", "import", "--json", Self.fixture("fixtures.mbox"), Self.fixture("Maildir"),
                 Self.fixture("en_access_and_erasure.eml"), "-"],
                environment: Self.environment, standardInput: Self.fixture("uz_erasure.eml"))
            #expect(run.status == 0, "\(run.stderr)")
            let records = try Self.records(run.stdout)
            #expect(records.count == 6 + 3 + 1 + 1)
            let statuses = records.map { $0["status"] as? String ?? "" }
            #expect(statuses.filter { $0 == "new" }.count == 8)
            #expect(statuses.filter { $0 == "duplicate" }.count == 2)  // two Maildir messages are also in the mbox
            #expect(statuses.filter { $0 == "triage" }.count == 1)
            #expect(records.last?["source"] as? String == "-")
            #expect(records.last?["kinds"] as? [String] == ["erasure"])
            let counts = try Self.counts(database.connection)
            #expect(counts["messages"] == 9)
            #expect(counts["requests"] == 9)  // 5 (mbox) + 1 (Maildir) + 2 (eml) + 1 (stdin)
            #expect(counts["inbox_items"] == 1)
        }
    }

    @Test func aFolderOfSavedEmlFilesIsImportedAndItsOtherFilesNamed() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UInt32.random(in: 0...UInt32.max))").path
        let folder = parent + "/saved"
        try FileManager.default.createDirectory(atPath: folder + "/older", withIntermediateDirectories: true)
        for (name, fixture) in [("erasure.eml", "uz_erasure.eml"), ("older/both.eml", "en_access_and_erasure.eml")] {
            try FileManager.default.copyItem(atPath: Self.fixture(fixture), toPath: folder + "/" + name)
        }
        try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: folder + "/passport scan.pdf"))
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(["intake", "import", "--json", folder], environment: Self.environment)
            #expect(run.status == 0, "\(run.stderr)")
            let records = try Self.records(run.stdout)
            #expect(records.map { $0["source"] as? String ?? "" } == [folder + "/erasure.eml", folder + "/older/both.eml"])
            #expect(records.map { $0["status"] as? String ?? "" } == ["new", "new"])
            #expect(run.stderr.contains("\(folder): 1 file(s) not named .eml were not read (passport scan.pdf)"))
            #expect(try Self.counts(database.connection)["requests"] == 3)

            let empty = parent + "/nothing"
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            let refused = try database.runDsar(["intake", "import", empty], environment: Self.environment)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("neither a Maildir (no cur/ or new/) nor a folder of .eml files"))
        }
    }

    @Test func importStoppedHalfwayAndRunAgainEndsLikeOneImport() throws {
        let mbox = try #require(FileManager.default.contents(atPath: Self.fixture("fixtures.mbox")))
        let text = String(decoding: mbox, as: UTF8.self)
        // The first three messages, cut at the fourth separator line: what a killed import had read.
        let separators = text.ranges(of: "\nFrom ")
        let prefix = String(text[..<separators[2].upperBound].dropLast("From ".count))
        let prefixPath = try Self.temporaryFile("prefix.mbox", prefix)

        let interrupted = try TestDatabase.withDatabase(migrated: true) { database in
            let first = try database.runDsar(["intake", "import", prefixPath], environment: Self.environment)
            #expect(first.status == 0, "\(first.stderr)")
            let rest = try database.runDsar(["intake", "import", "--json", Self.fixture("fixtures.mbox")], environment: Self.environment)
            #expect(rest.status == 0, "\(rest.stderr)")
            let statuses = try Self.records(rest.stdout).map { $0["status"] as? String ?? "" }
            #expect(Array(statuses.prefix(3)) == ["duplicate", "duplicate", "duplicate"])
            #expect(!statuses.dropFirst(3).contains("duplicate"))
            return try Self.counts(database.connection)
        }
        let single = try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(["intake", "import", Self.fixture("fixtures.mbox")], environment: Self.environment)
            #expect(run.status == 0, "\(run.stderr)")
            return try Self.counts(database.connection)
        }
        #expect(interrupted == single)
        #expect(single["messages"] == 6)
    }

    @Test func badInputIsRefusedBeforeAnythingIsWritten() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let before = try Self.counts(database.connection)
            let missing = try database.runDsar(["intake", "import", Self.fixture("uz_access.eml"), "/nonexistent/inbox.mbox"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("/nonexistent/inbox.mbox"))
            let twice = try database.runDsar(["intake", "import", "-", "-"])
            #expect(twice.status == 2)
            let policy = try database.runDsar(["intake", "import", "--policy", "mars", Self.fixture("uz_access.eml")])
            #expect(policy.status == 3)
            #expect(try Self.counts(database.connection) == before)
        }
    }
}
