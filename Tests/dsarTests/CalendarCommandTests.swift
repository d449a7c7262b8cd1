import DeskTestSupport
import Foundation
import Testing

/// `dsar calendar` and `dsar policy show` end to end (issue 14 items 1, 2).
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct CalendarCommandTests {
    @Test func list2026MatchesTheDecree() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(["calendar", "list", "--year", "2026"])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "Calendar UZ: five-day week, Saturday and Sunday off")
            func row(_ date: String) -> String? { lines.first { $0.hasPrefix(date) } }
            for date in ["2026-01-02", "2026-03-09", "2026-03-20", "2026-03-23", "2026-05-11", "2026-05-27", "2026-05-28",
                         "2026-05-29", "2026-08-31", "2026-12-31"] {
                #expect(row(date)?.contains("day off") == true, "\(date) is a day off on the five-day week")
            }
            #expect(row("2026-12-12")?.contains("working day") == true)
            #expect(row("2026-01-03") == nil, "3 Jan is a day off for the six-day week only")
            #expect(!run.stdout.contains("2025-"), "--year 2026 lists 2026 only")

            let six = try database.runDsar(["calendar", "list", "--calendar", "UZ-6", "--year", "2026"])
            #expect(six.status == 0, "\(six.stderr)")
            #expect(six.stdout.contains("2026-01-03") && six.stdout.contains("2026-05-30"))
            #expect(!six.stdout.contains("2026-03-23") && !six.stdout.contains("2026-12-12"))

            let eu = try database.runDsar(["calendar", "list", "--policy", "gdpr", "--year", "2026"])
            #expect(eu.status == 0 && eu.stdout.hasPrefix("Calendar EU") && !eu.stdout.contains("Navroʻz"))
            let expected = try database.runDsar(["calendar", "list", "--year", "2027"])
            #expect(expected.stdout.split(separator: "\n").first { $0.hasPrefix("2027-03-22") }?.contains("(expected date)") == true)
        }
    }

    @Test func addAWorkingDayForOneWeekAndRemoveIt() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            // A both-weeks day off narrowed to the six-day week when the five-day week works it.
            var run = try database.runDsar(["calendar", "add", "2027-01-02", "Qoʻshimcha dam olish kuni"])
            #expect(run.status == 0, "\(run.stderr)")
            run = try database.runDsar(["calendar", "add", "2027-01-02", "Ish kuni", "--working-day", "--week", "5"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("as a working day for the 5-day week"))
            let five = try database.runDsar(["calendar", "list", "--year", "2027"])
            #expect(five.stdout.split(separator: "\n").first { $0.hasPrefix("2027-01-02") }?.contains("working day") == true)
            let six = try database.runDsar(["calendar", "list", "--calendar", "UZ-6", "--year", "2027"])
            #expect(six.stdout.split(separator: "\n").first { $0.hasPrefix("2027-01-02") }?.contains("day off") == true)

            #expect(try database.runDsar(["calendar", "add", "2027-01-09", "x", "--week", "7"]).status == 2)
            #expect(try database.runDsar(["calendar", "add", "2027-01-09", "x", "--policy", "uz", "--calendar", "UZ"]).status == 2)
            #expect(try database.runDsar(["calendar", "list", "--calendar", "XX"]).status == 3)

            #expect(try database.runDsar(["calendar", "remove", "2027-01-02", "--week", "5"]).status == 0)
            let after = try database.runDsar(["calendar", "list", "--year", "2027"])
            #expect(after.stdout.split(separator: "\n").first { $0.hasPrefix("2027-01-02") } == nil)
            #expect(try database.runDsar(["calendar", "remove", "2027-01-02", "--week", "5"]).status == 3)
        }
    }

    @Test func policyShowMarksEveryRulesBasis() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let run = try database.runDsar(["policy", "show"])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = run.stdout.split(separator: "\n").filter { line in
                ["access", "rectification", "erasure", "restriction", "portability", "objection"].contains { line.hasPrefix($0) }
            }
            #expect(rows.count == 25, "4 policies × 6 rights + the 152-FZ consent-withdrawal rule")
            #expect(rows.allSatisfy { $0.contains("statute") || $0.contains("desk policy: the law sets no term") })
            #expect(run.stdout.contains("Article 11 of Law No. ZRU-547 of the Republic of Uzbekistan on Personal Data"))
            #expect(run.stdout.contains("Article 12(3) GDPR"))
            #expect(run.stdout.contains("Personalization Agency under the Ministry of Justice"))
        }
    }
}

/// `dsar report journal` (issue 14 item 11): the erasure journal with its approvers.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct JournalReportTests {
    @Test func journalExportsEveryEntryWithItsApprover() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let env = ["DSAR_NOW": "2026-11-20T10:00:00+05:00"]
            let created = try database.runDsar(["new", "--kind", "erasure", "--name", "Dilnoza Karimova", "--email", "d@example.uz"], environment: env)
            #expect(created.status == 0, "\(created.stderr)")
            let ref = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").first.map(String.init) ?? ""
            #expect(try database.runDsar(["start", ref], environment: env).status == 0)
            let missing = try database.runDsar(
                ["record", ref, "erasure", "--system", "CRM", "--categories", "contact", "--method", "deleted"], environment: env)
            #expect(missing.status == 2 && missing.stderr.contains("--approved-by"))
            let recorded = try database.runDsar(
                ["record", ref, "erasure", "--system", "CRM", "--categories", "contact,orders", "--method", "deleted",
                 "--performed-by", "IT: Bekzod", "--approved-by", "DPO: Aziz Rahimov"], environment: env)
            #expect(recorded.status == 0, "\(recorded.stderr)")

            let csv = try database.runDsar(["report", "journal", "--from", "2026-11-01", "--to", "2026-11-30"], environment: env)
            #expect(csv.status == 0, "\(csv.stderr)")
            let lines = csv.stdout.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "reference,policy,system,data_categories,method,performed_by,performed_at,approved_by,recorded_by")
            #expect(lines.count == 2 && lines[1].contains(ref) && lines[1].contains("DPO: Aziz Rahimov") && lines[1].contains("contact; orders"))
            #expect(!csv.stdout.contains("Dilnoza"), "no requester names in the journal")

            let json = try database.runDsar(["report", "journal", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"], environment: env)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let entries = object?["entries"] as? [[String: Any]]
            #expect(entries?.first?["approved_by"] as? String == "DPO: Aziz Rahimov")
            let html = try database.runDsar(["report", "journal", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "html"], environment: env)
            #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<td>DPO: Aziz Rahimov</td>"))
            let empty = try database.runDsar(["report", "journal", "--from", "2026-10-01", "--to", "2026-10-31"], environment: env)
            #expect(empty.stdout.split(separator: "\r\n").count == 1)
            #expect(try database.runDsar(["report", "journal", "--from", "2026-11-30", "--to", "2026-11-01"]).status == 2)
        }
    }
}
