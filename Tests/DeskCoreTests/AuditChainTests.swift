import Foundation
import Testing
@testable import DeskCore

@Suite struct AuditChainTests {
    static func chain(_ count: Int = 5) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        let start = Date(timeIntervalSince1970: 1_790_000_000.123_456)
        for i in 0..<count {
            let entry = AuditEntry.appending(
                after: entries.last, requestID: i == 2 ? nil : Int64(100 + i),
                occurredAt: start.addingTimeInterval(Double(i) * 61.5), recordedAt: start.addingTimeInterval(Double(i) * 62),
                actor: i == 3 ? "dpo|with\\pipe\nnewline" : "dpo", event: i == 0 ? "new" : "start",
                fromState: i == 0 ? nil : .received, toState: .inProgress,
                payload: PayloadEncoder.encode(["reference": .string("DSAR-2026-00000\(i)"), "n": .int(Int64(i))]))
            entries.append(entry)
        }
        return entries
    }

    @Test func intactChainVerifies() {
        let entries = Self.chain()
        #expect(AuditChain.firstBrokenEntry(in: entries) == nil)
        #expect(entries[0].prevHash == String(repeating: "0", count: 64))
        #expect(entries[1].prevHash == entries[0].hash)
        #expect(AuditChain.firstBrokenEntry(in: []) == nil)
    }

    @Test func editedRowIsDetected() {
        var entries = Self.chain()
        let e = entries[2]
        entries[2] = AuditEntry(sequence: e.sequence, requestID: e.requestID, occurredAt: e.occurredAt, recordedAt: e.recordedAt,
                                actor: "someone else", event: e.event, fromState: e.fromState, toState: e.toState,
                                payload: e.payload, prevHash: e.prevHash, hash: e.hash)
        let broken = AuditChain.firstBrokenEntry(in: entries)
        #expect(broken?.index == 2 && broken?.reason == .hashMismatch)
    }

    @Test func editedAndRehashedRowIsDetectedAtTheNextRow() {
        var entries = Self.chain()
        let e = entries[1]
        entries[1] = AuditEntry(sequence: e.sequence, requestID: e.requestID, occurredAt: e.occurredAt, recordedAt: e.recordedAt,
                                actor: e.actor, event: "close_fulfilled", fromState: e.fromState, toState: .fulfilled,
                                payload: e.payload, prevHash: e.prevHash, hash: "").withComputedHash()
        let broken = AuditChain.firstBrokenEntry(in: entries)
        #expect(broken?.index == 2 && broken?.reason == .prevHashMismatch)
    }

    @Test func deletedRowIsDetected() {
        var entries = Self.chain()
        entries.remove(at: 3)
        let broken = AuditChain.firstBrokenEntry(in: entries)
        #expect(broken?.index == 3 && broken?.reason == .sequenceGap)
        var first = Self.chain()
        first.removeFirst()
        #expect(AuditChain.firstBrokenEntry(in: first)?.index == 0)
        var last = Self.chain()
        last.removeLast()
        #expect(AuditChain.firstBrokenEntry(in: last) == nil, "a truncated tail is only visible against the stored count")
    }

    @Test func reorderedRowsAreDetected() {
        var entries = Self.chain()
        entries.swapAt(1, 2)
        let broken = AuditChain.firstBrokenEntry(in: entries)
        #expect(broken?.index == 1)
        #expect(broken?.reason == .sequenceGap)
    }

    @Test func canonicalContentIsFixedAndEscaped() throws {
        let at = Date(timeIntervalSince1970: 1_790_000_000.123_9)
        let entry = AuditEntry.appending(after: nil, requestID: nil, occurredAt: at, recordedAt: at, actor: "a|b\\c\nd",
                                         event: "new", toState: .received, payload: "{\"n\":1}")
        #expect(entry.canonicalContent
            == "v=2|sequence=1|request_id|chain_pos=1|occurred_at=2026-09-21T14:13:20.123Z|recorded_at=2026-09-21T14:13:20.123Z|actor=a\\|b\\\\c\\nd|event=new|from_state|to_state=received|payload={\"n\":1}")
        #expect(entry.hash == SHA256.hex(AuditEntry.genesisHash + entry.canonicalContent))
        #expect(entry.leafHash.bytes == SHA256.digest([0] + Array((AuditEntry.genesisHash + entry.canonicalContent).utf8)))
        // A row written before migration 0090 keeps version 1, without a chain position.
        let legacy = AuditEntry(sequence: 1, requestID: 7, occurredAt: at, recordedAt: at, actor: "dpo", event: "start",
                                fromState: .received, toState: .inProgress, payload: "{}", prevHash: AuditEntry.genesisHash, hash: "")
        #expect(legacy.canonicalContent.hasPrefix("v=1|sequence=1|request_id=7|occurred_at="))
    }

    @Test func oneRequestsChainIsCheckedByPosition() {
        let chain = Self.chain(4)
        #expect(AuditChain.firstBrokenEntry(inChain: chain) == nil)
        #expect(AuditChain.firstBrokenEntry(inChain: Array(chain.dropFirst()))?.reason == .sequenceGap)
        var missing = chain
        missing.remove(at: 2)
        #expect(AuditChain.firstBrokenEntry(inChain: missing)?.reason == .sequenceGap)
        #expect(AuditChain.firstBrokenEntry(inChain: [chain[0], chain[1], chain[1]])?.reason == .outOfOrder)
        var swapped = chain
        swapped.swapAt(1, 2)
        #expect(AuditChain.firstBrokenEntry(inChain: swapped)?.index == 1)
        let e = chain[1]
        let rehashed = AuditEntry(sequence: e.sequence, requestID: e.requestID, chainPosition: e.chainPosition, occurredAt: e.occurredAt,
                                  recordedAt: e.recordedAt, actor: "mallory", event: e.event, fromState: e.fromState,
                                  toState: e.toState, payload: e.payload, prevHash: e.prevHash, hash: "").withComputedHash()
        let broken = AuditChain.firstBrokenEntry(inChain: [chain[0], rehashed, chain[2], chain[3]])
        #expect(broken?.index == 2 && broken?.reason == .prevHashMismatch)
    }

    @Test func hashSurvivesMicrosecondStorage() {
        let entry = Self.chain(1)[0]
        // PostgreSQL keeps microseconds: simulate a value read back from a timestamptz.
        let stored = Date(timeIntervalSince1970: (entry.occurredAt.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
        let reread = AuditEntry(sequence: entry.sequence, requestID: entry.requestID, chainPosition: entry.chainPosition,
                                occurredAt: stored, recordedAt: entry.recordedAt,
                                actor: entry.actor, event: entry.event, fromState: entry.fromState, toState: entry.toState,
                                payload: entry.payload, prevHash: entry.prevHash, hash: entry.hash)
        #expect(reread.computedHash == entry.hash)
        #expect(AuditEntry.iso8601Milliseconds(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }
}

@Suite struct PayloadEncoderTests {
    @Test func sortsKeysAndEscapes() {
        #expect(PayloadEncoder.encode(["b": "2", "a": "1\"\n", "B": "x"]) == #"{"B":"x","a":"1\"\n","b":"2"}"#)
        #expect(PayloadEncoder.encode(["z": [1, true, nil], "a": ["y": "é", "x": 2]]) == #"{"a":{"x":2,"y":"é"},"z":[1,true,null]}"#)
        #expect(PayloadEncoder.encode(.string("\u{1}")) == #""\u0001""#)
    }

    struct Sample: Encodable {
        let reference: String
        let count: Int
        let flag: Bool
        let due: LocalDate
    }

    @Test func encodesEncodableCanonically() throws {
        let text = try PayloadEncoder.encode(encodable: Sample(reference: "DSAR-2026-000001", count: 2, flag: false,
                                                               due: try #require(day("2026-04-06"))))
        #expect(text == #"{"count":2,"due":"2026-04-06","flag":false,"reference":"DSAR-2026-000001"}"#)
    }
}

@Suite struct RequestReferenceTests {
    @Test func parsesAndFormats() throws {
        let reference = try #require(RequestReference("dsar-2026-000123"))
        #expect(reference.year == 2026 && reference.sequence == 123)
        #expect(reference.description == "DSAR-2026-000123")
        #expect(RequestReference(" DSAR-2026-000123\n") == reference)
        #expect(RequestReference(year: 2026, sequence: 7)?.description == "DSAR-2026-000007")
    }

    @Test(arguments: ["", "DSAR-2026-123", "DSAR-26-000123", "DSAR-2026-0001234", "DSR-2026-000123", "[DSAR-2026-000123]",
                      "DSAR-2026-000000", "DSAR-2026-00012a", "DSAR-２０２６-000123"])
    func rejects(text: String) {
        #expect(RequestReference(text) == nil)
    }

    @Test func ordersByYearThenSequence() throws {
        let refs = ["DSAR-2027-000001", "DSAR-2026-000010", "DSAR-2026-000002"].compactMap(RequestReference.init)
        #expect(refs.sorted().map(\.description) == ["DSAR-2026-000002", "DSAR-2026-000010", "DSAR-2027-000001"])
    }
}
