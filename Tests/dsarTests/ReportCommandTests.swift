import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar report monthly` and `dsar report register` end to end: a desk seeded through the
/// lifecycle over August–October 2026 (Asia/Tashkent), and September's figures computed by hand.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct ReportCommandTests {
    let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]

    // MARK: The seeded desk

    /// `2026-09-02 10:00` in Tashkent.
    static func t(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text.replacingOccurrences(of: " ", with: "T") + ":00+05:00") ?? Date.distantPast
    }

    struct Desk {
        let db: Connection
        var refs: [String: String] = [:]

        mutating func create(
            _ name: String, _ kind: Right, at: String, policy: String = "uz", channel: Channel = .email,
            language: Language = .uzbekLatin
        ) throws {
            let request = try RequestStore(db).create(
                NewRequest(kind: kind, requesterName: "Requester \(name)", email: "\(name.lowercased())@example.uz",
                           language: language, channel: channel, policy: policy, receivedAt: t(at)),
                actor: "kamola", now: t(at))
            refs[name] = request.reference
        }

        func apply(_ name: String, _ action: LifecycleAction, at: String) throws {
            _ = try RequestStore(db).apply(action, to: refs[name] ?? "", actor: "kamola", occurredAt: t(at), now: t(at))
        }

        func record(_ name: String, _ evidence: Evidence, at: String) throws {
            try RequestStore(db).record(evidence, on: refs[name] ?? "", actor: "kamola", occurredAt: t(at), now: t(at))
        }

        func close(_ name: String, _ evidence: [Evidence], at: String) throws {
            for item in evidence { try record(name, item, at: at) }
            try apply(name, .event(.closeFulfilled), at: at)
        }
    }

    /// Eleven requests. Due dates (uz: 10 calendar days from the next day, rectification 3;
    /// uz-state 15, extension up to a month; weekends move to Monday):
    ///
    /// | | right | policy | received | due | what happens |
    /// |---|---|---|---|---|---|
    /// | K | access | uz | Aug 3 | Aug 13 | fulfilled Aug 6 |
    /// | H | restriction | uz | Aug 10 | Aug 20 | assigned to aziza, never closed |
    /// | A | access | uz | Aug 20 | Aug 31 (Aug 30 is a Sunday) | fulfilled Sep 3: 3 days late, 14 days |
    /// | B | erasure | uz | Sep 2 | Sep 14 | 2 journal entries + 1 recipient Sep 5, fulfilled Sep 7 (5 days) |
    /// | C | rectification | uz | Sep 3 | Sep 7 → Sep 10 after a 4-day pause | clarify Sep 4, resume Sep 8, fulfilled Sep 9 (6 days) |
    /// | D | access | uz-state | Sep 7 | Sep 22 → extended 1m | extended Sep 10, fulfilled Oct 5 |
    /// | E | objection | uz | Sep 10 | Sep 21 | refused (manifestly unfounded) Sep 15 (5 days) |
    /// | F | access | uz | Sep 14 | Sep 24 → Sep 28 after a 4-day pause | identity asked Sep 14, failed Sep 18 (4 days) |
    /// | G | portability | uz | Sep 20 | Sep 30 | withdrawn Sep 21 (1 day) |
    /// | I | access | uz | Sep 25 | Oct 5 | fulfilled Oct 2 |
    /// | J | erasure | uz | Oct 2 | Oct 12 | open |
    static func seed(_ db: Connection) throws -> Desk {
        var desk = Desk(db: db)
        let noData: [Evidence] = [.noDataHeld(note: nil)]

        try desk.create("K", .access, at: "2026-08-03 11:00")
        try desk.apply("K", .event(.start), at: "2026-08-04 09:00")
        try desk.close("K", noData, at: "2026-08-06 15:00")

        try desk.create("H", .restriction, at: "2026-08-10 12:00")
        _ = try RequestStore(db).assign(desk.refs["H"] ?? "", to: "aziza", actor: "kamola", now: t("2026-08-11 09:00"))

        try desk.create("A", .access, at: "2026-08-20 12:00")
        try desk.apply("A", .event(.start), at: "2026-08-21 09:00")
        try desk.close("A", noData, at: "2026-09-03 16:00")

        try desk.create("B", .erasure, at: "2026-09-02 10:00", channel: .webForm, language: .russian)
        try desk.apply("B", .event(.start), at: "2026-09-02 11:00")
        try desk.record("B", .erasure(ErasureJournalEntry(
            system: "CRM", dataCategories: ["contact", "orders"], method: "deleted", performedBy: "IT",
            performedAt: t("2026-09-05 10:00"))), at: "2026-09-05 10:00")
        try desk.record("B", .erasure(ErasureJournalEntry(
            system: "Mailing", dataCategories: ["email"], method: "deleted", performedBy: "IT",
            performedAt: t("2026-09-05 11:00"))), at: "2026-09-05 11:00")
        try desk.record("B", .recipient(RecipientNotification(recipient: "Payme LLC", whatWasNotified: "erasure")),
                        at: "2026-09-05 12:00")
        try desk.close("B", [], at: "2026-09-07 10:00")

        try desk.create("C", .rectification, at: "2026-09-03 10:00", channel: .paper, language: .english)
        try desk.apply("C", .event(.start), at: "2026-09-03 11:00")
        try desk.apply("C", .event(.clarify, note: "Which address?"), at: "2026-09-04 10:00")
        try desk.apply("C", .event(.resume), at: "2026-09-08 10:00")
        try desk.close("C", [.change(Change(field: "address", newValueSummary: "new street")), .noRecipients(note: nil)],
                       at: "2026-09-09 10:00")

        try desk.create("D", .access, at: "2026-09-07 12:00", policy: "uz-state", language: .uzbekCyrillic)
        try desk.apply("D", .event(.start), at: "2026-09-08 09:00")
        try desk.apply("D", .extend(Period(1, .months), reason: "Archive search in three branches", decidedBy: "Head of the body"),
                       at: "2026-09-10 10:00")

        try desk.create("E", .objection, at: "2026-09-10 12:00", channel: .phone, language: .russian)
        try desk.apply("E", .event(.start), at: "2026-09-11 09:00")
        try desk.apply("E", .event(.closeRefused, ground: .exemptionOther, note: "A repeated request; nothing has changed since DSAR-2026-000002"),
                       at: "2026-09-15 10:00")

        try desk.create("F", .access, at: "2026-09-14 09:00")
        try desk.apply("F", .event(.identityRequest), at: "2026-09-14 10:00")
        try desk.apply("F", .event(.identityFailed), at: "2026-09-18 10:00")

        try desk.create("G", .portability, at: "2026-09-20 12:00", channel: .inPerson, language: .english)
        try desk.apply("G", .event(.withdraw), at: "2026-09-21 12:00")

        try desk.create("I", .access, at: "2026-09-25 12:00")
        try desk.apply("I", .event(.start), at: "2026-09-26 09:00")
        try desk.close("I", noData, at: "2026-10-02 12:00")

        try desk.create("J", .erasure, at: "2026-10-02 12:00")
        try desk.close("D", noData, at: "2026-10-05 12:00")
        return desk
    }

    // MARK: JSON helpers

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// `[{key, count}]` as a dictionary.
    static func counts(_ value: Any?) -> [String: Int] {
        var result: [String: Int] = [:]
        for item in value as? [[String: Any]] ?? [] {
            if let key = item["key"] as? String, let count = item["count"] as? Int { result[key] = count }
        }
        return result
    }

    // MARK: Tests

    @Test func septemberFiguresMatchTheHandCount() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = try Self.seed(database.connection)
            let refs = desk.refs
            let run = try database.runDsar(["report", "monthly", "2026-09", "--format", "json"], environment: now)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try Self.object(run.stdout)
            #expect(report["month"] as? String == "2026-09")
            #expect(report["time_zone"] as? String == "Asia/Tashkent")
            #expect(report["policy"] is NSNull)

            let received = try #require(report["received"] as? [String: Any])
            #expect(received["total"] as? Int == 7)
            #expect(Self.counts(received["by_right"]) == [
                "access": 3, "rectification": 1, "erasure": 1, "restriction": 0, "portability": 1, "objection": 1])
            #expect(Self.counts(received["by_channel"]) == ["email": 3, "web_form": 1, "paper": 1, "phone": 1, "in_person": 1])
            #expect(Self.counts(received["by_language"]) == ["uz": 2, "uz-Cyrl": 1, "ru": 2, "en": 2])
            #expect(Self.counts(received["by_policy"]) == ["uz": 6, "uz-state": 1])

            let closed = try #require(report["closed"] as? [String: Any])
            #expect(closed["total"] as? Int == 6)
            #expect(Self.counts(closed["by_outcome"]) == [
                "fulfilled": 3, "partially_fulfilled": 0, "refused": 2, "withdrawn": 1, "lifted": 0])
            #expect(Self.counts(closed["by_right"]) == [
                "access": 2, "rectification": 1, "erasure": 1, "restriction": 0, "portability": 1, "objection": 1])

            let onTime = try #require(report["on_time"] as? [String: Any])
            let overall = try #require(onTime["overall"] as? [String: Any])
            #expect(overall["closed"] as? Int == 6)
            #expect(overall["on_time"] as? Int == 5)
            #expect(abs((overall["rate"] as? Double ?? 0) - 5.0 / 6.0) < 1e-9)
            let byRight = try #require(onTime["by_right"] as? [[String: Any]])
            let access = try #require(byRight.first { $0["right"] as? String == "access" })
            #expect(access["closed"] as? Int == 2)
            #expect(access["on_time"] as? Int == 1)
            #expect(byRight.first { $0["right"] as? String == "restriction" }?["rate"] is NSNull)
            let late = try #require(onTime["late"] as? [[String: Any]])
            #expect(late.count == 1)
            #expect(late.first?["reference"] as? String == refs["A"])
            // 20 Aug + 10 = Sun 30 Aug; Mon 31 Aug (extra day off by the 2026 decree) and 1 Sep are off → 2 Sep.
            #expect(late.first?["due"] as? String == "2026-09-02")
            #expect(late.first?["closed_on"] as? String == "2026-09-03")
            #expect(late.first?["days_late"] as? Int == 1)

            // Days to close: A 14, B 5, C 6, E 5, F 4, G 1 → sorted 1 4 5 5 6 14.
            let timeToClose = try #require(report["time_to_close"] as? [String: Any])
            let total = try #require(timeToClose["overall"] as? [String: Any])
            #expect(total["count"] as? Int == 6)
            #expect(total["median"] as? Double == 5)
            #expect(total["p90"] as? Double == 10)  // 6 + 0.5 × (14 − 6)
            let closeByRight = try #require(timeToClose["by_right"] as? [[String: Any]])
            let accessDays = try #require(closeByRight.first { $0["right"] as? String == "access" })
            #expect(accessDays["median"] as? Double == 9)  // 4 and 14
            #expect(abs((accessDays["p90"] as? Double ?? 0) - 13) < 1e-9)

            let extensions = try #require(report["extensions"] as? [[String: Any]])
            #expect(extensions.count == 1)
            #expect(extensions.first?["reference"] as? String == refs["D"])
            #expect(extensions.first?["by"] as? String == "1m")
            #expect(extensions.first?["reason"] as? String == "Archive search in three branches")

            let pauses = try #require(report["clock_pauses"] as? [String: Any])
            #expect(pauses["count"] as? Int == 2)
            #expect(pauses["total_days"] as? Int == 8)

            #expect(Self.counts(report["refusals_by_ground"]) == ["identity_not_verified": 1, "exemption_other": 1])
            #expect(report["identity_verification_failures"] as? Int == 1)

            let erasures = try #require(report["erasures"] as? [[String: Any]])
            #expect(erasures.map { $0["system"] as? String } == ["CRM", "Mailing"])
            #expect(erasures.first?["categories"] as? [String] == ["contact", "orders"])
            #expect(erasures.allSatisfy { $0["reference"] as? String == refs["B"] })
            let notifications = try #require(report["recipient_notifications"] as? [String: Any])
            #expect(notifications["count"] as? Int == 1)
            let notice = (notifications["items"] as? [[String: Any]])?.first
            #expect(notice?["recipient"] as? String == "Payme LLC")
            #expect(notice?["sent_on"] as? String == "2026-09-05")

            // Open on Sep 30: H (51 days), D (23, closed in October), I (5, closed in October).
            let backlog = try #require(report["backlog"] as? [String: Any])
            #expect(backlog["open"] as? Int == 3)
            #expect(Self.counts(backlog["aging"]) == ["0-5": 1, "6-10": 0, "11-30": 1, ">30": 1])
            let overdue = try #require(backlog["overdue"] as? [[String: Any]])
            #expect(overdue.count == 1)
            #expect(overdue.first?["reference"] as? String == refs["H"])
            #expect(overdue.first?["due"] as? String == "2026-08-20")
            #expect(overdue.first?["days_overdue"] as? Int == 41)
            #expect(overdue.first?["assignee"] as? String == "aziza")

            let trend = try #require(report["trend"] as? [[String: Any]])
            #expect(trend.count == 12)
            #expect(trend.first?["month"] as? String == "2025-10")
            let august = try #require(trend.first { $0["month"] as? String == "2026-08" })
            #expect(august["received"] as? Int == 3)
            #expect(august["closed"] as? Int == 1)
            #expect(august["on_time_rate"] as? Double == 1)
            let september = try #require(trend.last)
            #expect(september["month"] as? String == "2026-09")
            #expect(september["received"] as? Int == 7)
            #expect(september["closed"] as? Int == 6)
            #expect(trend.first?["on_time_rate"] is NSNull)

            // The policy filter: only D is uz-state.
            let state = try Self.object(try database.runDsar(
                ["report", "monthly", "2026-09", "--format", "json", "--policy", "uz-state"], environment: now).stdout)
            #expect((state["received"] as? [String: Any])?["total"] as? Int == 1)
            #expect((state["closed"] as? [String: Any])?["total"] as? Int == 0)
            #expect((state["backlog"] as? [String: Any])?["open"] as? Int == 1)
            #expect(try database.runDsar(["report", "monthly", "2026-09", "--policy", "nowhere"], environment: now).status == 3)
        }
    }

    @Test func figuresAreTheSameInEveryLanguage() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            _ = try Self.seed(database.connection)
            var reports: [String] = []
            for lang in ["uz", "uz-Cyrl", "ru", "en"] {
                let run = try database.runDsar(
                    ["report", "monthly", "2026-09", "--format", "json", "--lang", lang], environment: now)
                #expect(run.status == 0)
                reports.append(run.stdout)
            }
            #expect(Set(reports).count == 1)
            let markdown = try database.runDsar(["report", "monthly", "2026-09", "--lang", "ru"], environment: now)
            #expect(markdown.status == 0)
            #expect(markdown.stdout.contains("2026-09"))
        }
    }

    @Test func anEmptyMonthIsAReportOfZeros() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(["report", "monthly", "2026-06", "--format", "json"], environment: now)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try Self.object(run.stdout)
            #expect((report["received"] as? [String: Any])?["total"] as? Int == 0)
            #expect((report["closed"] as? [String: Any])?["total"] as? Int == 0)
            #expect(((report["on_time"] as? [String: Any])?["overall"] as? [String: Any])?["rate"] is NSNull)
            #expect(((report["time_to_close"] as? [String: Any])?["overall"] as? [String: Any])?["median"] is NSNull)
            #expect((report["backlog"] as? [String: Any])?["open"] as? Int == 0)
            #expect((report["trend"] as? [[String: Any]])?.count == 12)
            for format in ["md", "html", "csv"] {
                #expect(try database.runDsar(["report", "monthly", "2026-06", "--format", format], environment: now).status == 0)
            }
        }
    }

    @Test func htmlIsWellFormedWithChartsAndCSVParses() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            _ = try Self.seed(database.connection)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-report-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let html = directory.appendingPathComponent("2026-09.html")
            let csv = directory.appendingPathComponent("2026-09.csv")
            #expect(try database.runDsar(
                ["report", "monthly", "2026-09", "--format", "html", "--lang", "en", "--out", html.path], environment: now).status == 0)
            #expect(try database.runDsar(
                ["report", "monthly", "2026-09", "--format", "csv", "--out", csv.path], environment: now).status == 0)
            let check = try python(
                """
                import csv, sys, xml.etree.ElementTree as ET
                text = open(sys.argv[1], encoding='utf-8').read()
                assert text.startswith('<!DOCTYPE html>')
                root = ET.fromstring(text[len('<!DOCTYPE html>'):])
                svgs = [e for e in root.iter() if e.tag.endswith('svg')]
                rows = list(csv.reader(open(sys.argv[2], encoding='utf-8', newline='')))
                print(len(svgs), len(rows), min(len(r) for r in rows))
                """, arguments: [html.path, csv.path])
            let numbers = check.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(numbers.count == 3, "python said: \(check)")
            #expect((numbers.first ?? 0) >= 2, "the HTML report carries SVG charts")
            #expect((numbers.dropFirst().first ?? 0) > 10)
            let htmlText = try String(contentsOf: html, encoding: .utf8)
            #expect(htmlText.contains("Payme LLC"))
        }
    }

    @Test func registerStreamsEveryRequestWithoutContactsUnlessAsked() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let desk = try Self.seed(database.connection)
            let run = try database.runDsar(
                ["report", "register", "--from", "2026-09-01", "--to", "2026-09-30"], environment: now)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("@example.uz"))
            let rows = try python(
                """
                import csv, json, sys
                print(json.dumps(list(csv.DictReader(sys.stdin))))
                """, arguments: [], input: run.stdout)
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(rows.utf8)) as? [[String: String]])
            #expect(parsed.count == 7)
            let a = parsed.first { $0["reference"] == desk.refs["D"] }
            #expect(a?["policy"] == "uz-state")
            #expect(a?["due"] == "2026-09-22")
            #expect(a?["extended_due"]?.hasPrefix("2026-10") == true)
            #expect(a?["closed"] == "2026-10-05")
            #expect(a?["on_time"] == "yes")
            let f = parsed.first { $0["reference"] == desk.refs["F"] }
            #expect(f?["outcome"] == "refused")
            #expect(f?["ground"] == "identity_not_verified")

            let all = try database.runDsar(["report", "register", "--format", "json", "--with-contacts"], environment: now)
            #expect(all.status == 0)
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
            #expect(objects.count == 11)
            #expect(objects.first?["requester_email"] as? String == "k@example.uz")
            let open = objects.first { $0["reference"] as? String == desk.refs["H"] }
            #expect(open?["on_time"] is NSNull)
            #expect(open?["assignee"] as? String == "aziza")
        }
    }

    @Test func monthBoundariesFollowTheDesksTimeZone() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            var desk = Desk(db: database.connection)
            // 1 October 01:00 in Tashkent is still 30 September (23:00) in Moscow.
            try desk.create("Z", .access, at: "2026-10-01 01:00")
            func receivedIn(_ month: String) throws -> Int? {
                let run = try database.runDsar(["report", "monthly", month, "--format", "json"], environment: now)
                return (try Self.object(run.stdout)["received"] as? [String: Any])?["total"] as? Int
            }
            #expect(try receivedIn("2026-09") == 0)
            #expect(try receivedIn("2026-10") == 1)
            _ = try SettingsStore(database.connection).set("desk.time_zone", to: "Europe/Moscow", actor: "test", now: Date())
            #expect(try receivedIn("2026-09") == 1)
            #expect(try receivedIn("2026-10") == 0)
            let report = try Self.object(try database.runDsar(["report", "monthly", "2026-09", "--format", "json"], environment: now).stdout)
            #expect(report["time_zone"] as? String == "Europe/Moscow")
        }
    }

    @Test func badInputIsRefusedWithExitTwoAndNothingWritten() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            for args in [
                ["report", "monthly", "2026-13"], ["report", "monthly", "2018-12"], ["report", "monthly", "2026-12"],
                ["report", "monthly", "2026-09", "--format", "pdf"], ["report", "monthly", "2026-09", "--lang", "de"],
                ["report", "monthly", "2026-09", "--out", "/nonexistent-dir/report.md"],
                ["report", "register", "--from", "2026-02-30"], ["report", "register", "--format", "xml"],
                ["report", "register", "--from", "2026-10-01", "--to", "2026-09-01"],
            ] {
                let run = try database.runDsar(args, environment: now)
                #expect(run.status == 2, "\(args): \(run.stderr)")
                #expect(run.stdout.isEmpty)
                #expect(!run.stderr.isEmpty)
            }
        }
    }

    /// Runs a Python 3 snippet and returns what it printed.
    func python(_ script: String, arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
