import DeskTestSupport
import Foundation
import Postgres
import Testing

/// `dsar demo` without --requests — what `make demo` loads: the 15-request sample goes through the
/// real lifecycle (every gate, every letter), so a rule change that the sample breaks fails here.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct SampleDemoTests {
    @Test func theSampleDeskLoadsThroughTheLifecycleAndRunsTheQueue() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let demo = try database.runDsar(["demo"])
            #expect(demo.status == 0, "\(demo.stderr)")
            let requests: Int = try database.connection.query("SELECT count(*)::int FROM requests").first?.decode(column: 0) ?? 0
            #expect(requests == 15)
            let closed: Int = try database.connection.query(
                "SELECT count(*)::int FROM requests WHERE state IN ('fulfilled', 'partially_fulfilled', 'refused', 'withdrawn', 'lifted')"
            ).first?.decode(column: 0) ?? 0
            #expect(closed >= 6)
            let queue = try database.runDsar(["queue"])
            #expect(queue.status == 0 && queue.stdout.contains("open"))
            let verify = try database.runDsar(["audit", "verify"])
            #expect(verify.status == 0, "\(verify.stderr)")
            // A second run leaves the desk as it is.
            let again = try database.runDsar(["demo"])
            #expect(again.status == 0)
            #expect(try database.connection.query("SELECT count(*)::int FROM requests").first?.decode(column: 0) == 15)
        }
    }
}
