import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Letters
import Postgres
import Testing

/// `dsar settings` and `dsar letter` end to end: the built binary, its output, files and exit codes.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct LetterCommandTests {
    let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00", "DSAR_DEBUG": "0"]
    static let hostileName = "<script>alert(1)</script> O‘Brien"

    func configure(_ database: TestDatabase) throws {
        for (key, value) in [
            ("organisation.name", "Raqamli Xizmatlar MChJ"), ("organisation.address", "Toshkent, Buyuk Ipak Yoʻli 100"),
            ("dpo.name", "Kamola Rasulova"), ("dpo.email", "dpo@raqamli.uz"),
        ] {
            let run = try database.runDsar(["settings", "set", key, value, "--actor", "kamola"], environment: now)
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    /// A request that came by e-mail: its message is stored with a Message-ID.
    func emailedRequest(_ database: TestDatabase, language: Language = .english) throws -> String {
        let messageRow: Int64 = try database.connection.query(
            """
            INSERT INTO messages (sha256, message_id, size_bytes, source, from_name, from_email, subject, status)
            VALUES (\(String(repeating: "c", count: 64)), '<CAF1234@mail.example.com>', 100, 'test',
                    \(Self.hostileName), 'obrien@example.com', 'access', 'new')
            RETURNING id
            """
        ).first?.decode(column: 0) ?? 0
        let received = try #require(ISO8601DateFormatter().date(from: "2026-11-20T09:00:00Z"))
        return try RequestStore(database.connection).create(
            NewRequest(kind: .access, requesterName: Self.hostileName, email: "obrien@example.com", language: language,
                       channel: .email, receivedAt: received, messageID: messageRow),
            actor: "intake", now: received
        ).reference
    }

    @Test func settingsSetGetListAndTypos() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try configure(database)
            let got = try database.runDsar(["settings", "get", "dpo.email"], environment: now)
            #expect(got.status == 0 && got.stdout == "dpo@raqamli.uz\n")
            let list = try database.runDsar(["settings", "list"], environment: now)
            #expect(list.stdout.contains("organisation.name") && list.stdout.contains("dpo.phone") && list.stdout.contains("(not set)"))
            let typo = try database.runDsar(["settings", "set", "organisaton.name", "X"], environment: now)
            #expect(typo.status == 2)
            #expect(typo.stderr.contains("organisation.name") && typo.stderr.contains("dpo.email"))
            #expect(try database.runDsar(["settings", "set", "dpo.email", "not an address"], environment: now).status == 2)
            #expect(try database.runDsar(["settings", "get", "dpo.phone"], environment: now).status == 3)
            let audited = try database.connection.query("SELECT payload FROM events WHERE event = 'setting_changed'")
            #expect(audited.count == 4)
            for row in audited {
                let payload = try row.decode(column: 0, as: String.self)
                #expect(!payload.contains("Kamola") && !payload.contains("dpo@"))
            }
        }
    }

    @Test func missingSettingsNameTheCommandToRun() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let reference = try emailedRequest(database)
            let run = try database.runDsar(["letter", reference, "acknowledgement"], environment: now)
            #expect(run.status == 2)
            #expect(run.stderr.contains("dsar settings set organisation.name"))
            #expect(run.stderr.split(separator: "\n").count == 1)
            #expect(try database.connection.query("SELECT 1 FROM letters").count == 0)
        }
    }

    @Test func requesterTextIsEscapedInHTMLAndIntactInText() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try configure(database)
            let reference = try emailedRequest(database)
            let text = try database.runDsar(["letter", reference, "acknowledgement"], environment: now)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("Dear \(Self.hostileName),"))
            let html = try database.runDsar(["letter", reference, "acknowledgement", "--format", "html"], environment: now)
            #expect(html.status == 0)
            #expect(!html.stdout.contains("<script>"))
            #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; O‘Brien"))
        }
    }

    @Test func verifyByCodeAndByFile() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try configure(database)
            let reference = try emailedRequest(database, language: .russian)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-letters-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("ack.txt")

            let produced = try database.runDsar(["letter", reference, "acknowledgement", "--out", file.path], environment: now)
            #expect(produced.status == 0, "\(produced.stderr)")
            let letter = try String(contentsOf: file, encoding: .utf8)
            #expect(letter.contains("Код проверки"))
            let code = try #require(VerificationCode.split(letterText: letter)?.code)
            #expect(produced.stdout.contains(code))

            let byCode = try database.runDsar(["letter", "verify", code.lowercased()], environment: now)
            #expect(byCode.status == 0)
            #expect(byCode.stdout.contains(reference) && byCode.stdout.contains("acknowledgement"))
            let json = try database.runDsar(["letter", "verify", code, "--json"], environment: now)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["reference"] as? String == reference)
            #expect(object["status"] as? String == "genuine")

            #expect(try database.runDsar(["letter", "verify", "AAAA-BBBB-CCCC"], environment: now).status == 3)
            #expect(try database.runDsar(["letter", "verify", "DSAR-2026-000001"], environment: now).status == 2)
            #expect(try database.runDsar(["letter", "verify", "--file", file.path], environment: now).status == 0)

            let forged = directory.appendingPathComponent("forged.txt")
            try letter.replacingOccurrences(of: "DSAR", with: "DSAR ").write(to: forged, atomically: true, encoding: .utf8)
            let caught = try database.runDsar(["letter", "verify", "--file", forged.path], environment: now)
            #expect(caught.status == 4)
            #expect(caught.stderr.contains("changed"))
        }
    }

    @Test(arguments: Language.allCases)
    func emlIsReadBackByPython(language: Language) throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try configure(database)
            let reference = try emailedRequest(database, language: language)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-eml-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("ack.eml")
            let run = try database.runDsar(
                ["letter", reference, "acknowledgement", "--format", "eml", "--out", file.path], environment: now)
            #expect(run.status == 0, "\(run.stderr)")

            let script = """
                import email, email.policy, json, sys
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
                text = m.get_body(('plain',))
                print(json.dumps({"subject": str(m['Subject']), "to_name": m['To'].addresses[0].display_name, "to_address": m['To'].addresses[0].addr_spec,
                  "from": str(m['From']),
                  "in_reply_to": str(m['In-Reply-To']), "references": str(m['References']),
                  "message_id": str(m['Message-ID']), "charset": text.get_content_charset(),
                  "text": text.get_content(), "defects": str(len(m.defects))}))
                """
            let parsed: [String: String] = try PythonScript.json(script, arguments: [file.path])

            let stored = try #require(try database.connection.query(
                "SELECT subject, message_id FROM letters ORDER BY id DESC LIMIT 1").first)
            let (subject, messageID) = try stored.decode((String, String?).self)
            #expect(parsed["subject"] == subject)
            #expect(parsed["subject"]?.contains(reference) == true)
            #expect(parsed["charset"] == "utf-8")
            #expect(parsed["to_name"] == Self.hostileName)
            #expect(parsed["to_address"] == "obrien@example.com")
            #expect(parsed["from"] == "Raqamli Xizmatlar MChJ <dpo@raqamli.uz>")
            #expect(parsed["in_reply_to"] == "<CAF1234@mail.example.com>")
            #expect(parsed["references"] == "<CAF1234@mail.example.com>")
            #expect(parsed["message_id"] == messageID)
            #expect(parsed["text"]?.contains(Self.hostileName) == true)
            #expect(parsed["defects"] == "0")
            let recognised = try #require(messageID.flatMap { Letters.EmailComposer.parseMessageID($0) })
            #expect(recognised.reference == reference)
        }
    }
}
