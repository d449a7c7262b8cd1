import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The quick versions of the reliability scripts (issue 9 §1 and §8), run from `make test`
/// against the test server; `make reliability` runs the long ones. Each script makes its own
/// databases on the server, prints one summary line starting with its name and "OK", and exits
/// non-zero when anything was lost, duplicated, orphaned or inconsistent.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)), .serialized)
struct ReliabilityScriptTests {
    static let scripts = TestDatabase.repositoryRoot.appendingPathComponent("scripts/reliability")

    /// Runs `scripts/reliability/NAME ARGS` with `environment` and returns its status and output.
    static func run(_ name: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rel-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name.hasSuffix(".py") ? "python3" : "bash", scripts.appendingPathComponent(name).path] + arguments
        var merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        merged["RELIABILITY_SERVER_URL"] = TestDatabase.serverURL
        merged["RELIABILITY_SEED"] = "547"
        process.environment = merged
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus,
                (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// 4,000 messages, eight batches of 500 (`IntakeImporter.batchSize`): with seed 547 the kill
    /// points are 385 and 507, so the first run dies once 500 messages are stored and the second,
    /// resuming, once 1,000 are: both in the middle of the mailbox (a mailbox of one batch could
    /// not be killed while writing at all).
    @Test func intakeKilledTwiceWhileWritingEndsLikeOneCleanImport() throws {
        let run = try Self.run("kill-intake.sh", ["4000", "2"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.hasPrefix("kill-intake: OK — 4000 messages imported under 2 SIGKILLs"), "\(run.stdout)")
    }

    @Test func demoKilledTwiceEndsLikeOneCleanRun() throws {
        let run = try Self.run("kill-demo.sh", ["3000", "2"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.hasPrefix("kill-demo: OK — demo --requests 3000 under 2 SIGKILLs"), "\(run.stdout)")
    }

    @Test func fourMembersForTenSecondsLoseNothing() throws {
        let run = try Self.run(
            "load.sh",
            environment: ["LOAD_WORKERS": "4", "LOAD_SECONDS": "10", "LOAD_REQUESTS": "2000", "LOAD_MESSAGES": "100"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.hasPrefix("load: OK — 4 desk members for 10 s"), "\(run.stdout)")
        #expect(run.stdout.contains("agree with the table"))
    }

    @Test func theReplayCatchesARowChangedWithoutItsEvent() throws {
        // The check is only worth something if it fails: an assignee written behind the log's back.
        try TestDatabase.withDatabase(migrated: true) { database in
            let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]
            let created = try database.runDsar(["new", "--kind", "access", "--name", "A B", "--email", "a@example.uz"], environment: now)
            let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try database.runDsar(["start", reference], environment: now).status == 0)
            let ops = FileManager.default.temporaryDirectory.appendingPathComponent("ops-\(UInt64.random(in: 0...UInt64.max)).jsonl")
            _ = FileManager.default.createFile(atPath: ops.path, contents: Data())
            defer { try? FileManager.default.removeItem(at: ops) }

            let consistent = try Self.run("load.py", ["check", "--url", database.url, "--ops", ops.path])
            #expect(consistent.status == 0, "\(consistent.stderr)")

            try database.connection.execute("UPDATE requests SET assignee = 'ghost'")
            let tampered = try Self.run("load.py", ["check", "--url", database.url, "--ops", ops.path])
            #expect(tampered.status == 1)
            #expect(tampered.stderr.contains("\(reference): assignee ghost in the table"), "\(tampered.stderr)")
        }
    }
}
