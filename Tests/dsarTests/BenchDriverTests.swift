import DeskCore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar-bench`, the in-process drivers of `make bench`, end to end on a small desk: the claim +
/// close loops leave nothing claimed twice and the audit chain intact; the letters are written
/// with a verification line.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct BenchDriverTests {
    /// The built `dsar-bench`, next to the test runner or in this checkout's debug build.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.deletingLastPathComponent().appendingPathComponent("dsar-bench"))
        }
        candidates.append(TestDatabase.repositoryRoot.appendingPathComponent(".build/debug/dsar-bench"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "dsar-bench was not found; run `swift build` first.")
    }

    /// Runs `dsar-bench` and parses the JSON object it prints.
    static func run(_ args: [String]) throws -> (status: Int32, json: [String: Any]) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-bench-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = args
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        return (process.terminationStatus, parsed ?? [:])
    }

    @Test func claimLoopsCloseEveryRequestOnceWithTheChainIntact() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let prepared = try Self.run(["prepare-claims", "--database-url", database.url, "--requests", "40"])
            #expect(prepared.status == 0)
            #expect(prepared.json["prepared"] as? Int == 40)
            let loops = try Self.run(["claim-loops", "--database-url", database.url, "--loops", "4"])
            #expect(loops.status == 0, "\(loops.json)")
            #expect(loops.json["claims"] as? Int == 40)
            #expect(loops.json["closes"] as? Int == 40)
            #expect(loops.json["transitions"] as? Int == 80)
            #expect(loops.json["double_claims"] as? Int == 0)
            #expect(loops.json["left_unclaimed"] as? Int == 0)
            #expect(loops.json["failures"] as? Int == 0)
            #expect(loops.json["audit_intact"] as? Bool == true)
            let refused = try database.connection.query("SELECT count(*) FROM requests WHERE state = 'refused'")
            #expect(try refused.first?.decode(column: 0, as: Int.self) == 40)
        }
    }

    @Test func lettersAreWrittenWithTheirVerificationLine() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            _ = try Self.run(["prepare-claims", "--database-url", database.url, "--requests", "6"])
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-bench-letters-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let letters = try Self.run([
                "letters", "--database-url", database.url, "--letters", "15", "--sample", "6", "--output", directory.path,
            ])
            #expect(letters.status == 0)
            #expect(letters.json["letters"] as? Int == 15)
            #expect(letters.json["distinct_requests"] as? Int == 6)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(files.count == 15)
            let text = try String(contentsOf: directory.appendingPathComponent("letter-0.txt"), encoding: .utf8)
            #expect(VerificationCode.split(letterText: text) != nil)
        }
    }
}
