import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar queue`, `claim`, `assign` and `inbox` end to end, through the built binary (stdout is a file,
/// not a terminal).
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct QueueCommandTests {
    static let nowText = "2026-11-20T10:00:00+05:00"
    static let now = ISO8601DateFormatter().date(from: "2026-11-20T05:00:00Z") ?? Date()
    let environment = ["DSAR_NOW": nowText, "NO_COLOR": ""]

    /// Registers a request received `daysAgo` days ago; `due` overrides the computed due date.
    @discardableResult
    static func request(
        _ db: Connection, _ name: String, kind: Right = .access, daysAgo: Int = 2, due: String? = nil, assignee: String? = nil
    ) throws -> StoredRequest {
        let created = try RequestStore(db).create(
            NewRequest(kind: kind, requesterName: name, email: "person@example.uz",
                       receivedAt: now.addingTimeInterval(-Double(daysAgo) * 86_400)),
            actor: "test", now: now)
        if let due, let date = LocalDate(iso: due) {
            try db.execute("UPDATE requests SET due_on = \(date), original_due_on = \(date) WHERE id = \(created.id)")
        }
        if let assignee { try db.execute("UPDATE requests SET assignee = \(assignee) WHERE id = \(created.id)") }
        return try RequestStore(db).find(id: created.id)
    }

    @Test func jsonCarriesTheDocumentedFields() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let overdue = try Self.request(database.connection, "Dilnoza Karimova", due: "2026-11-18")
            try Self.request(database.connection, "Анна Смирнова", kind: .erasure, due: "2026-11-27", assignee: "aziza")
            let run = try database.runDsar(["queue", "--json"], environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            let rows = try #require(parsed as? [[String: Any]])
            #expect(rows.count == 2)
            let fields: Set<String> = [
                "reference", "kind", "state", "policy", "requester", "channel", "received_at", "due_on", "days_left",
                "assignee", "extended", "paused", "reply_waiting",
            ]
            for row in rows { #expect(fields.isSubset(of: Set(row.keys)), "missing \(fields.subtracting(row.keys))") }
            let first = rows[0]
            #expect(first["reference"] as? String == overdue.reference)
            #expect(first["due_on"] as? String == "2026-11-18")
            #expect(first["days_left"] as? Int == -2)
            #expect(first["assignee"] is NSNull)
            #expect(first["paused"] as? Bool == false)
            #expect((first["received_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil)
            let requester = try #require(first["requester"] as? [String: Any])
            #expect(requester["name"] as? String == "Dilnoza Karimova")
            #expect(requester["language"] as? String == "uz")
            #expect(rows[1]["assignee"] as? String == "aziza")
        }
    }

    @Test func plainTextThroughAPipe() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            try Self.request(database.connection, "Overdue Person", due: "2026-11-18")
            try Self.request(database.connection, "Soon Person", due: "2026-11-23")
            var environment = environment
            environment.removeValue(forKey: "NO_COLOR")
            let run = try database.runDsar(["queue"], environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}"))
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("ref ") == true)
            #expect(lines.count == 4)
            #expect(lines.last == "2 open, 1 overdue, 1 due within 7 days")
            let mine = try database.runDsar(["queue", "--mine", "--actor", "nobody-here"], environment: self.environment)
            #expect(mine.stdout.contains("No open requests match."))
        }
    }

    @Test func badFiltersExitTwo() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            for args in [["queue", "--state", "fulfilled"], ["queue", "--kind", "nonsense"], ["queue", "--mine", "--unassigned"],
                         ["queue", "--limit", "0"], ["claim", "--kind", "x"], ["assign", "DSAR-2026-000001"]] {
                let run = try database.runDsar(args, environment: environment)
                #expect(run.status == 2, "\(args): \(run.stderr)")
            }
            let unknownPolicy = try database.runDsar(["queue", "--policy", "mars"], environment: environment)
            #expect(unknownPolicy.status == 3)
        }
    }

    @Test func assignAndUnassign() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let request = try Self.request(database.connection, "Bekzod Tursunov")
            let assign = try database.runDsar(["assign", request.reference, "aziza"], environment: environment)
            #expect(assign.status == 0, "\(assign.stderr)")
            #expect(try RequestStore(database.connection).find(id: request.id).assignee == "aziza")
            let mine = try database.runDsar(["queue", "--json", "--mine", "--actor", "aziza"], environment: environment)
            #expect(mine.stdout.contains(request.reference))
            let release = try database.runDsar(["assign", request.reference, "--none"], environment: environment)
            #expect(release.status == 0, "\(release.stderr)")
            #expect(try RequestStore(database.connection).find(id: request.id).assignee == nil)
            let missing = try database.runDsar(["assign", "DSAR-2026-999999", "aziza"], environment: environment)
            #expect(missing.status == 3)
            let events = try AuditLog(database.connection).events(requestID: request.id).map(\.event)
            #expect(events == ["received", "assigned", "assigned"])
        }
    }

    /// Eight `dsar claim` processes in parallel over 200 unassigned requests: each request is
    /// claimed exactly once and no process fails.
    @Test func concurrentClaimsTakeEachRequestOnce() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            for index in 0..<200 { try Self.request(db, "Person \(index)", kind: index % 2 == 0 ? .access : .erasure) }
            let results = ClaimResults()
            let claimEnvironment = environment.merging(["DSAR_DATABASE_URL": database.url]) { _, new in new }
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                while true {
                    do {
                        let run = try runDsar(["claim", "--actor", "clerk\(worker)"], environment: claimEnvironment)
                        results.record(worker: worker, run: run)
                        if run.status != 0 { return }
                    } catch {
                        results.record(worker: worker, run: (status: -1, stdout: "", stderr: "\(error)"))
                        return
                    }
                }
            }
            let runs = results.all
            #expect(runs.filter { $0.run.status != 0 && $0.run.status != 3 }.isEmpty, "\(runs.filter { $0.run.status != 0 && $0.run.status != 3 }.map(\.run.stderr))")
            #expect(runs.filter { $0.run.status == 3 }.count == 8)
            let claimed = runs.filter { $0.run.status == 0 }.compactMap { $0.run.stdout.split(separator: " ").first.map(String.init) }
            #expect(claimed.count == 200)
            #expect(Set(claimed).count == 200)
            let unassigned = try db.query("SELECT count(*) FROM requests WHERE assignee IS NULL").first?.decode(column: 0, as: Int.self)
            #expect(unassigned == 0)
            let assignedEvents = try db.query("SELECT count(*) FROM events WHERE event = 'assigned'").first?.decode(column: 0, as: Int.self)
            #expect(assignedEvents == 200)
            for run in runs where run.run.status == 0 {
                let reference = String(run.run.stdout.split(separator: " ").first ?? "")
                let owner = try RequestStore(db).find(reference).assignee
                #expect(owner == "clerk\(run.worker)")
            }
            #expect(try AuditLog(db).verify().firstBreak == nil)
            let none = try database.runDsar(["claim"], environment: environment)
            #expect(none.status == 3)
            #expect(none.stderr.contains("Nothing left to claim"))
        }
    }

    @Test func inboxConvertAndDismiss() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let sent = Self.now.addingTimeInterval(-3 * 86_400)
            for (index, status) in ["triage", "quarantined", "triage"].enumerated() {
                let messageID: Int64 = try db.query(
                    """
                    INSERT INTO messages (sha256, message_id, size_bytes, source, from_name, from_email, subject, sent_at,
                                          status, language)
                    VALUES (md5(random()::text) || md5(random()::text), \("<m\(index)@example.uz>"), 100, 'test.mbox',
                            'Gulnora Aliyeva', 'gulnora@example.uz', \("Savol \(index)"), \(sent), \(status), 'ru')
                    RETURNING id
                    """
                ).first?.decode(column: 0) ?? 0
                try db.execute("INSERT INTO inbox_items (message_id, status, reason) VALUES (\(messageID), \(status), 'no right recognised')")
            }
            let ids = try db.query("SELECT id FROM inbox_items ORDER BY id").map { try $0.decode(column: 0, as: Int64.self) }
            let list = try database.runDsar(["inbox", "--json"], environment: environment)
            #expect(list.status == 0, "\(list.stderr)")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(items.count == 3)
            #expect(items.first?["from_email"] as? String == "gulnora@example.uz")
            #expect(items.first?["status"] as? String == "triage")

            let convert = try database.runDsar(["inbox", "convert", String(ids[0]), "--kind", "erasure"], environment: environment)
            #expect(convert.status == 0, "\(convert.stderr)")
            let reference = convert.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let request = try RequestStore(db).find(reference)
            #expect(request.kind == .erasure)
            #expect(request.requester.name == "Gulnora Aliyeva")
            #expect(request.requester.email == "gulnora@example.uz")
            #expect(request.requester.language == .russian)
            #expect(request.channel == .email)
            #expect(abs(request.receivedAt.timeIntervalSince(sent)) < 1)
            #expect(request.messageID != nil)
            let (status, linked) = try db.query("SELECT status, request_id FROM inbox_items WHERE id = \(ids[0])").first?
                .decode((String, Int64?).self) ?? ("", nil)
            #expect(status == "converted")
            #expect(linked == request.id)

            let again = try database.runDsar(["inbox", "convert", String(ids[0]), "--kind", "access"], environment: environment)
            #expect(again.status == 4)

            let dismiss = try database.runDsar(
                ["inbox", "dismiss", String(ids[1]), "--reason", "spam from Gulnora's old address"], environment: environment)
            #expect(dismiss.status == 0, "\(dismiss.stderr)")
            let twice = try database.runDsar(["inbox", "dismiss", String(ids[1]), "--reason", "again"], environment: environment)
            #expect(twice.status == 4)
            let convertDismissed = try database.runDsar(["inbox", "convert", String(ids[1]), "--kind", "access"], environment: environment)
            #expect(convertDismissed.status == 4)
            let missing = try database.runDsar(["inbox", "dismiss", "999999", "--reason", "x"], environment: environment)
            #expect(missing.status == 3)
            let resolution = try db.query("SELECT resolution FROM inbox_items WHERE id = \(ids[1])").first?.decode(column: 0, as: String?.self)
            #expect(resolution == "spam from Gulnora's old address")
            let payloads = try db.query("SELECT payload FROM events WHERE event LIKE 'inbox_%'").map { try $0.decode(column: 0, as: String.self) }
            #expect(payloads.count == 2)
            #expect(payloads.allSatisfy { !$0.contains("Gulnora") && !$0.contains("spam") })

            let remaining = try database.runDsar(["inbox"], environment: environment)
            #expect(remaining.stdout.contains("1 item waiting"))
        }
    }
}

/// What each claiming process saw, collected from several threads.
final class ClaimResults: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [(worker: Int, run: DsarRun)] = []

    func record(worker: Int, run: DsarRun) {
        lock.lock()
        runs.append((worker, run))
        lock.unlock()
    }

    var all: [(worker: Int, run: DsarRun)] {
        lock.lock()
        defer { lock.unlock() }
        return runs
    }
}
