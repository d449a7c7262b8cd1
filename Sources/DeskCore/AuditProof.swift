public import Foundation

/// Inclusion proofs of a request's audit events against one digest (`dsar audit prove`), in a
/// JSON form anyone can check offline (`dsar audit check-proof`, or RFC 9162 §2.1.3.2 by hand):
/// the event's fields give its canonical content, hence `hash` and the leaf; the audit path and
/// the leaf index lead from the leaf to the digest's root.
public struct AuditProof: Codable, Sendable, Hashable {
    public struct Event: Codable, Sendable, Hashable {
        public let seq: Int64
        public let requestID: Int64?
        public let chainPosition: Int64?
        public let occurredAt: String
        public let recordedAt: String
        public let actor: String
        public let event: String
        public let fromState: String?
        public let toState: String?
        public let payload: String
        public let prevHash: String
        public let hash: String
        public let leafIndex: Int
        public let leafHash: String
        public let auditPath: [String]

        enum CodingKeys: String, CodingKey {
            case seq, actor, event, payload, hash
            case requestID = "request_id"
            case chainPosition = "chain_pos"
            case occurredAt = "occurred_at"
            case recordedAt = "recorded_at"
            case fromState = "from_state"
            case toState = "to_state"
            case prevHash = "prev_hash"
            case leafIndex = "leaf_index"
            case leafHash = "leaf_hash"
            case auditPath = "audit_path"
        }

        public init(_ entry: AuditEntry, leafIndex: Int, path: [MerkleHash]) {
            seq = entry.sequence
            requestID = entry.requestID
            chainPosition = entry.chainPosition
            occurredAt = AuditEntry.iso8601Milliseconds(entry.occurredAt)
            recordedAt = AuditEntry.iso8601Milliseconds(entry.recordedAt)
            actor = entry.actor
            event = entry.event
            fromState = entry.fromState?.rawValue
            toState = entry.toState?.rawValue
            payload = entry.payload
            prevHash = entry.prevHash
            hash = entry.hash
            self.leafIndex = leafIndex
            leafHash = entry.leafHash.hex
            auditPath = path.map(\.hex)
        }

        /// The row these fields describe, or nil when a field cannot be read back.
        public var entry: AuditEntry? {
            guard let occurred = AuditEntry.parseISO8601Milliseconds(occurredAt),
                  let recorded = AuditEntry.parseISO8601Milliseconds(recordedAt) else { return nil }
            let from = fromState.map(RequestState.init(rawValue:))
            let to = toState.map(RequestState.init(rawValue:))
            if case .some(.none) = from { return nil }
            if case .some(.none) = to { return nil }
            return AuditEntry(
                sequence: seq, requestID: requestID, chainPosition: chainPosition, occurredAt: occurred,
                recordedAt: recorded, actor: actor, event: event, fromState: from ?? nil, toState: to ?? nil,
                payload: payload, prevHash: prevHash, hash: hash)
        }
    }

    public let reference: String
    public let treeSize: Int
    public let root: String
    public let sealedAt: String?
    public let events: [Event]

    enum CodingKeys: String, CodingKey {
        case reference, root, events
        case treeSize = "tree_size"
        case sealedAt = "sealed_at"
    }

    public init(reference: String, digest: AuditDigest, events: [Event]) {
        self.reference = reference
        treeSize = digest.size
        root = digest.root.hex
        sealedAt = digest.sealedAt.map(AuditEntry.iso8601Milliseconds)
        self.events = events
    }

    /// Why a proof does not hold against a digest (the programs word it).
    public enum Failure: Sendable, Hashable {
        /// The proof is for another digest: its tree size and root.
        case otherDigest(size: Int, root: String)
        case noEvents
        /// The event with this sequence number has a field that cannot be read.
        case unreadableEvent(Int64)
        /// The event's content does not give its hash.
        case hashMismatch(Int64)
        /// The event's content does not give its leaf hash.
        case leafMismatch(Int64)
        /// The event's audit path does not lead to the digest's root.
        case notIncluded(Int64)
    }

    /// Checks every event against `digest`; nil when all hold, else the first that does not.
    public func failure(against digest: AuditDigest) -> Failure? {
        guard treeSize == digest.size, MerkleHash(hex: root) == digest.root else { return .otherDigest(size: treeSize, root: root) }
        if events.isEmpty { return .noEvents }
        for event in events {
            guard let entry = event.entry else { return .unreadableEvent(event.seq) }
            let (hash, leaf) = entry.hashes
            guard hash == event.hash else { return .hashMismatch(event.seq) }
            guard leaf.hex == event.leafHash else { return .leafMismatch(event.seq) }
            let path = event.auditPath.compactMap { MerkleHash(hex: $0) }
            guard path.count == event.auditPath.count,
                  MerkleTree.verifyInclusion(index: event.leafIndex, size: digest.size, leafHash: leaf, proof: path, root: digest.root)
            else {
                return .notIncluded(event.seq)
            }
        }
        return nil
    }
}

extension AuditEntry {
    /// Reads `YYYY-MM-DDTHH:MM:SS.mmmZ` back (what `iso8601Milliseconds` writes); nil for anything else.
    public static func parseISO8601Milliseconds(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              bytes[19] == 46, bytes[23] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (48...57).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23),
              let date = LocalDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
        else { return nil }
        let ms = (Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1000 + Int64(millis)
        return Date(timeIntervalSince1970: TimeInterval(ms) / 1000)
    }
}
