import DeskTestSupport
import Foundation
import Testing

/// The embedded local database: created and started by the first command, and back after
/// `dsar db stop` with the next one (issue 2, issue 9 §2).
struct EmbeddedDatabaseTests {
    @Test func firstCommandCreatesItAndAStoppedServerComesBack() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-embedded-\(UInt32.random(in: 0...UInt32.max))")
        let environment = ["DSAR_DATA_DIR": root.path, "DSAR_DATABASE_URL": "", "PGHOST": "", "PGDATABASE": ""]
        defer {
            _ = try? runDsar(["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(at: root)
        }
        let created = try runDsar(["new", "--kind", "access", "--name", "A", "--email", "a@example.uz"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let reference = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try runDsar(["db", "stop"], environment: environment).stdout.contains("Stopped"))
        let shown = try runDsar(["show", reference], environment: environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(reference))
        let status = try runDsar(["db", "status"], environment: environment)
        #expect(status.stdout.contains("running"))
        #expect(status.stdout.contains(root.path))
    }
}
