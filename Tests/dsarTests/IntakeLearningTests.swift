import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The desk learns from its DPO (issue 13): inbox suggestions accepted or overridden, `dsar
/// reclassify`, `dsar intake train` and `dsar intake evaluate`, end to end.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct IntakeLearningTests {
    static let environment = ["DSAR_NOW": "2026-04-01T10:00:00+05:00", "DSAR_INTAKE_MODEL": "none"]
    static let corpus = TestDatabase.repositoryRoot.appendingPathComponent("Tests/MailIntakeTests/Corpus")

    /// A small labelled corpus: the first `count` lines of each language's labels.
    static func smallCorpus(_ count: Int) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UInt32.random(in: 0...UInt32.max))")
        for language in ["uz", "uz-Cyrl", "ru", "en"] {
            let source = corpus.appendingPathComponent(language)
            let target = root.appendingPathComponent(language)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let lines = try String(contentsOf: source.appendingPathComponent("labels.tsv"), encoding: .utf8)
                .split(separator: "\n").prefix(count + 1)
            for line in lines.dropFirst() {
                let file = String(line.split(separator: "\t")[0])
                try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: target.appendingPathComponent(file))
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: target.appendingPathComponent("labels.tsv"))
        }
        return root.path
    }

    /// A triage item with the given suggestions, on a message that is not a request.
    static func triageItem(_ db: Connection, suggested: [(String, Double)]) throws -> Int64 {
        let raw = Array("From: Olim <olim@example.uz>\nSubject: savol\n\nSalom, bir savol bor edi (\(UInt64.random(in: 0...UInt64.max))).\n".utf8)
        let message: Int64 = try db.query(
            """
            INSERT INTO messages (sha256, raw, size_bytes, source, from_name, from_email, subject, status, language)
            VALUES (\(SHA256.hex(raw)), \(PostgresBytes(raw)), \(raw.count), 'test', 'Olim', 'olim@example.uz', 'savol', 'triage', 'uz')
            RETURNING id
            """
        ).first?.decode(column: 0) ?? 0
        return try db.query(
            """
            INSERT INTO inbox_items (message_id, status, suggested_kinds, suggested_probabilities)
            VALUES (\(message), 'triage', \(PostgresTextArray(suggested.map(\.0)))::text[],
                    \(PostgresTextArray(suggested.map { String($0.1) }))::float8[])
            RETURNING id
            """
        ).first?.decode(column: 0) ?? 0
    }

    static func label(_ db: Connection, message: Int64) throws -> (String, String)? {
        try db.query("SELECT rights, source FROM intake_labels WHERE message_id = \(message)").first?.decode((String, String).self)
    }

    @Test func convertWithoutKindAcceptsTheSuggestionAndKindOverridesIt() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let suggested = try Self.triageItem(db, suggested: [("erasure", 0.71), ("access", 0.2)])
            let list = try database.runDsar(["inbox"], environment: Self.environment)
            #expect(list.stdout.contains("erasure 71 %"), "\(list.stdout)")
            let listed = try database.runDsar(["inbox", "--json"], environment: Self.environment)
            #expect(listed.stdout.contains("\"kind\" : \"erasure\""), "\(listed.stdout)")

            let accepted = try database.runDsar(["inbox", "convert", String(suggested)], environment: Self.environment)
            #expect(accepted.status == 0, "\(accepted.stderr)")
            let reference = accepted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try RequestStore(db).find(reference).kind == .erasure)
            let message: Int64 = try db.query("SELECT message_id FROM inbox_items WHERE id = \(suggested)").first?.decode(column: 0) ?? 0
            #expect(try Self.label(db, message: message).map { "\($0.0) \($0.1)" } == "erasure convert")

            let overridden = try Self.triageItem(db, suggested: [("erasure", 0.6)])
            let chosen = try database.runDsar(["inbox", "convert", String(overridden), "--kind", "objection"], environment: Self.environment)
            #expect(chosen.status == 0, "\(chosen.stderr)")
            #expect(try RequestStore(db).find(chosen.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).kind == .objection)
        }
    }

    @Test func convertWithoutKindOrSuggestionIsBadUsageAndDismissIsALabel() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let item = try Self.triageItem(db, suggested: [])
            let refused = try database.runDsar(["inbox", "convert", String(item)], environment: Self.environment)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--kind"))
            #expect(try db.query("SELECT count(*)::bigint FROM requests").first?.decode(column: 0, as: Int.self) == 0)
            let dismissed = try database.runDsar(["inbox", "dismiss", String(item), "--reason", "a question"], environment: Self.environment)
            #expect(dismissed.status == 0, "\(dismissed.stderr)")
            let message: Int64 = try db.query("SELECT message_id FROM inbox_items WHERE id = \(item)").first?.decode(column: 0) ?? 0
            #expect(try Self.label(db, message: message).map { "\($0.0)|\($0.1)" } == "|dismiss")
        }
    }

    /// An invoice in the inbox comes with some right at a few percent: accepting that unread would
    /// register a request nobody made, so it needs --kind (or a dismissal); 20 % is enough.
    @Test func convertWithoutKindRefusesAWeakSuggestion() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let weak = try Self.triageItem(db, suggested: [("erasure", 0.04)])
            let list = try database.runDsar(["inbox"], environment: Self.environment)
            #expect(list.stdout.contains("(erasure 4 %)") && list.stdout.contains("20 % or more"), "\(list.stdout)")
            let refused = try database.runDsar(["inbox", "convert", String(weak)], environment: Self.environment)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("erasure at only 4 %") && refused.stderr.contains("--kind")
                && refused.stderr.contains("dsar inbox dismiss \(weak)"), "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
            #expect(InboxStore.percent(0.1996) == 19 && InboxStore.percent(0.2) == 20 && InboxStore.percent(0.714) == 71)
            #expect(try db.query("SELECT count(*)::bigint FROM requests").first?.decode(column: 0, as: Int.self) == 0)
            #expect(try db.query("SELECT status FROM inbox_items WHERE id = \(weak)").first?.decode(column: 0, as: String.self) == "triage")

            let named = try database.runDsar(["inbox", "convert", String(weak), "--kind", "erasure"], environment: Self.environment)
            #expect(named.status == 0, "\(named.stderr)")
            let enough = try Self.triageItem(db, suggested: [("access", 0.2)])
            let accepted = try database.runDsar(["inbox", "convert", String(enough)], environment: Self.environment)
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(try RequestStore(db).find(accepted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).kind == .access)
        }
    }

    @Test func reclassifyBeforeWorkThenRefusedAfterStart() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let fixture = TestDatabase.repositoryRoot.appendingPathComponent("Tests/MailIntakeTests/Fixtures/uz_access.eml").path
            let imported = try database.runDsar(["intake", "import", "--json", fixture], environment: Self.environment)
            #expect(imported.status == 0, "\(imported.stderr)")
            let reference: String = try db.query("SELECT reference FROM requests").first?.decode(column: 0) ?? ""
            let before = try RequestStore(db).find(reference)
            #expect(before.kind == .access)

            let changed = try database.runDsar(["reclassify", reference, "--kind", "objection"], environment: Self.environment)
            #expect(changed.status == 0, "\(changed.stderr)")
            let after = try RequestStore(db).find(reference)
            #expect(after.kind == .objection)
            #expect(after.dueOn == after.originalDueOn)
            #expect(try db.query("SELECT count(*)::bigint FROM events WHERE event = 'reclassified'").first?.decode(column: 0, as: Int.self) == 1)
            let message = try #require(after.messageID)
            #expect(try Self.label(db, message: message).map { "\($0.0) \($0.1)" } == "objection reclassify")

            let started = try database.runDsar(["start", reference], environment: Self.environment)
            #expect(started.status == 0, "\(started.stderr)")
            let refused = try database.runDsar(["reclassify", reference, "--kind", "access"], environment: Self.environment)
            #expect(refused.status == 4)
            #expect(refused.stderr.contains("in_progress"))
            #expect(try RequestStore(db).find(reference).kind == .objection)

            let typed = try database.runDsar(["new", "--kind", "access", "--name", "Ali Valiyev", "--email", "ali@example.uz"],
                                             environment: Self.environment)
            let manual = typed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let notMail = try database.runDsar(["reclassify", manual, "--kind", "erasure"], environment: Self.environment)
            #expect(notMail.status == 4)
        }
    }

    @Test func trainStoresTheDesksModelAndEvaluateReportsIt() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let corpus = try Self.smallCorpus(40)
            _ = try Self.triageItem(db, suggested: [("access", 0.5)])
            let item: Int64 = try db.query("SELECT id FROM inbox_items").first?.decode(column: 0) ?? 0
            _ = try database.runDsar(["inbox", "dismiss", String(item), "--reason", "not a request"], environment: Self.environment)

            let trained = try database.runDsar(["intake", "train", "--corpus", corpus], environment: ["DSAR_NOW": "2026-04-01T10:00:00+05:00"])
            #expect(trained.status == 0, "\(trained.stderr)")
            #expect(trained.stdout.contains("160 corpus messages and 1 of the desk's labels"), "\(trained.stdout)")
            let (count, desk): (Int, Int) = try db.query("SELECT count(*)::int, max(desk_messages) FROM intake_models").first?.decode((Int, Int).self) ?? (0, 0)
            #expect(count == 1 && desk == 1)
            #expect(try db.query("SELECT count(*)::bigint FROM events WHERE event = 'intake_model_trained'").first?.decode(column: 0, as: Int.self) == 1)

            // --shipped-only --output writes a file and leaves the database alone.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UInt32.random(in: 0...UInt32.max))").path
            let written = try database.runDsar(["intake", "train", "--shipped-only", "--corpus", corpus, "--output", file])
            #expect(written.status == 0, "\(written.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)).count > 100_000)
            #expect(try db.query("SELECT count(*)::int FROM intake_models").first?.decode(column: 0, as: Int.self) == 1)

            let held = try database.runDsar(["intake", "evaluate", corpus + "/ru", "--labels", corpus + "/ru/labels.tsv", "--json"])
            #expect(held.status == 0, "\(held.stderr)")
            #expect(held.stderr.contains("desk model"), "\(held.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [String: Any])
            #expect(json["method"] as? String == "held-out")
            #expect((json["confusion"] as? [[Int]])?.count == 7)
            #expect(((json["all"] as? [String: Any])?["messages"] as? Int) == 40)

            let folds = try database.runDsar(["intake", "evaluate", corpus, "--folds", "2"])
            #expect(folds.status == 0, "\(folds.stderr)")
            #expect(folds.stdout.contains("Cross-validated, 2 folds"))
            #expect(folds.stdout.contains("Confusion matrix"))
            let bad = try database.runDsar(["intake", "evaluate", "/nonexistent"])
            #expect(bad.status == 2)
        }
    }
}
