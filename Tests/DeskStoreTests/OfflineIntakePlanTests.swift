import DeskCore
import DeskIntake
import Foundation
import MailIntake
import Testing

/// `dsar intake import --dry-run` when the database cannot be reached (`IntakeImporter.Mode.offline`):
/// statuses come from the messages alone, a message repeated within the run is a duplicate, a
/// reference cannot be checked, and nothing is created. No database: these run everywhere.
@Suite struct OfflineIntakePlanTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MailIntakeTests/Fixtures")
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-17

    static func item(_ name: String) throws -> MailItem {
        let data = try #require(FileManager.default.contents(atPath: fixtures.appendingPathComponent(name).path))
        return .message(RawMessage(bytes: Array(data), source: name))
    }

    /// The records and summary of one offline run over `names`, in order.
    static func run(_ names: [String], batchSize: Int = 200) throws -> ([IntakeRecord], IntakeImporter.Summary) {
        let items = try names.map(item)
        var importer = IntakeImporter(mode: .offline, policy: nil, now: now)
        importer.batchSize = batchSize
        var records: [IntakeRecord] = []
        let summary = try importer.run(
            sources: [IntakeImporter.Source(name: "memory") { MemoryMessageStream(items) }], progress: nil,
            emit: { records.append($0) })
        return (records, summary)
    }

    @Test func eachMessageGetsTheStatusItsTextGives() throws {
        let names = ["en_access_legal.eml", "auto_reply.eml", "malformed_empty.eml", "en_reply_reference.eml"]
        let (records, summary) = try Self.run(names)
        #expect(records.map(\.source) == names)
        #expect(records.map(\.status) == ["new", "triage", "quarantined", "reply"])
        #expect(records[0].kinds == ["access"])
        // No request is created, so a new message has no reference yet.
        #expect(records[0].reference == nil)
        #expect(records[1].reference == nil && records[2].reference == nil)
        // A reply names its reference, and says the desk could not check it.
        #expect(records[3].reference == "DSAR-2026-000123")
        #expect(records[3].reason?.contains("not consulted") == true)
        #expect(summary.messages == 4 && summary.new == 1 && summary.triage == 1 && summary.quarantined == 1)
        #expect(summary.replies == 1 && summary.duplicates == 0)
        // Nothing is stored; the summary counts the requests the plan would create.
        #expect(summary.requests == 1)
    }

    /// A message seen earlier in the run (same bytes, or same Message-ID) is a duplicate, even
    /// across batches, as the real import would find it.
    @Test(arguments: [1, 200])
    func repeatsWithinTheRunAreDuplicates(batchSize: Int) throws {
        let (records, summary) = try Self.run(
            ["dup_first.eml", "en_access_legal.eml", "dup_second.eml", "en_access_legal.eml"], batchSize: batchSize)
        #expect(records.map(\.status) == ["new", "new", "duplicate", "duplicate"])
        #expect(summary.duplicates == 2 && summary.new == 2)
        #expect(summary.requests == records.filter { $0.status == "new" }.reduce(0) { $0 + $1.kinds.count })
    }

    /// The same run twice gives the same records: the plan depends on nothing but the messages.
    @Test func theOfflinePlanIsDeterministic() throws {
        let names = ["en_access_and_erasure.eml", "newsletter.eml", "en_reply_reference.eml", "malformed_no_headers.eml"]
        let (first, _) = try Self.run(names)
        let (second, _) = try Self.run(names)
        #expect(first == second)
        #expect(first[0].status == "new" && first[0].kinds == ["access", "erasure"])
    }
}
