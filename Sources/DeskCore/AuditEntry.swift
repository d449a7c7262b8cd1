public import Foundation

/// One row of the append-only audit log (SPEC §3), chained by SHA-256 to the previous event of
/// the same chain: the request's own chain, or the desk chain for desk-wide events.
///
/// `hash` = SHA-256(prevHash || canonicalContent); the event's Merkle leaf (what a seal covers)
/// is SHA-256(0x00 || prevHash || canonicalContent), the same bytes behind RFC 9162's leaf prefix.
/// Rows written before migration 0090 (`chainPosition` nil, content `v=1`) form one desk-wide
/// legacy chain in `sequence` order, sealed as the log's first leaves.
public struct AuditEntry: Sendable, Hashable {
    /// The `prevHash` of the first row of a chain.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The row's number: unique, increasing in insertion order, with gaps where a transaction rolled back.
    public let sequence: Int64
    /// The request concerned, or nil for desk-wide events (calendar changes, purges, settings).
    public let requestID: Int64?
    /// Position in its chain, from 1 without gaps; nil for a legacy (pre-0090) row.
    public let chainPosition: Int64?
    /// When the action happened (may be backdated with `--at`).
    public let occurredAt: Date
    /// When the desk wrote the row.
    public let recordedAt: Date
    public let actor: String
    /// What happened, e.g. `close_fulfilled`, `extend`, `evidence.erasure`.
    public let event: String
    public let fromState: RequestState?
    public let toState: RequestState?
    /// Canonical JSON with sorted keys and no personal data (see `PayloadEncoder`).
    public let payload: String
    public let prevHash: String
    public let hash: String

    /// Creates a row as stored, with the hash it carries (which `AuditChain` checks).
    public init(sequence: Int64, requestID: Int64?, chainPosition: Int64? = nil, occurredAt: Date, recordedAt: Date,
                actor: String, event: String, fromState: RequestState?, toState: RequestState?, payload: String,
                prevHash: String, hash: String) {
        self.sequence = sequence
        self.requestID = requestID
        self.chainPosition = chainPosition
        self.occurredAt = AuditEntry.truncatedToMilliseconds(occurredAt)
        self.recordedAt = AuditEntry.truncatedToMilliseconds(recordedAt)
        self.actor = actor
        self.event = event
        self.fromState = fromState
        self.toState = toState
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    /// Creates an event of `chain` at `chainPosition` after the chain's `prevHash`, computing its hash.
    ///
    /// Instants are truncated to whole milliseconds so that the hash survives a round trip through
    /// the database; store the entry's `occurredAt` and `recordedAt`, not the originals.
    public static func chained(
        _ event: AuditEvent, sequence: Int64, requestID: Int64?, chainPosition: Int64, prevHash: String,
        occurredAt: Date, recordedAt: Date, actor: String
    ) -> AuditEntry {
        chainedWithLeaf(
            event, sequence: sequence, requestID: requestID, chainPosition: chainPosition, prevHash: prevHash,
            occurredAt: occurredAt, recordedAt: recordedAt, actor: actor
        ).entry
    }

    /// `chained`, and the event's Merkle leaf from the same canonical content (a bulk load seals
    /// as it chains: one pass over the content instead of two).
    public static func chainedWithLeaf(
        _ event: AuditEvent, sequence: Int64, requestID: Int64?, chainPosition: Int64, prevHash: String,
        occurredAt: Date, recordedAt: Date, actor: String
    ) -> (entry: AuditEntry, leaf: MerkleHash) {
        let unhashed = AuditEntry(
            sequence: sequence, requestID: requestID, chainPosition: chainPosition, occurredAt: occurredAt,
            recordedAt: recordedAt, actor: actor, event: event.name.rawValue, fromState: event.fromState,
            toState: event.toState, payload: event.encodedPayload, prevHash: prevHash, hash: "")
        let (hash, leaf) = unhashed.hashes
        return (unhashed.with(hash: hash), leaf)
    }

    /// The next event after `previous` in the same chain (the first of a chain when nil), with the next sequence.
    public static func appending(after previous: AuditEntry?, requestID: Int64?, occurredAt: Date, recordedAt: Date,
                                 actor: String, event: String, fromState: RequestState? = nil,
                                 toState: RequestState? = nil, payload: String = "{}") -> AuditEntry {
        AuditEntry(
            sequence: (previous?.sequence ?? 0) + 1, requestID: requestID,
            chainPosition: (previous?.chainPosition ?? 0) + 1, occurredAt: occurredAt, recordedAt: recordedAt,
            actor: actor, event: event, fromState: fromState, toState: toState, payload: payload,
            prevHash: previous?.hash ?? genesisHash, hash: ""
        ).withComputedHash()
    }

    /// The fields in a fixed order as `name=value` joined by `|`, values escaped (`\\`, `\|`, `\n`, `\r`);
    /// a missing optional is written as its bare name. Instants are ISO 8601 UTC with 3 fractional digits.
    /// Version 2 (chained per request) adds `chain_pos` after `request_id`; legacy rows keep version 1.
    public var canonicalContent: String {
        // Built in one buffer: the chain of a million-request desk hashes this millions of times.
        var out = ""
        out.reserveCapacity(160 + payload.utf8.count + actor.utf8.count)
        out += chainPosition == nil ? "v=1|sequence=" : "v=2|sequence="
        out += String(sequence)
        if let requestID {
            out += "|request_id="
            out += String(requestID)
        } else {
            out += "|request_id"
        }
        if let chainPosition {
            out += "|chain_pos="
            out += String(chainPosition)
        }
        out += "|occurred_at="
        out += AuditEntry.iso8601Milliseconds(occurredAt)
        out += "|recorded_at="
        out += AuditEntry.iso8601Milliseconds(recordedAt)
        out += "|actor="
        out += AuditEntry.escape(actor)
        out += "|event="
        out += AuditEntry.escape(event)
        if let fromState {
            out += "|from_state="
            out += AuditEntry.escape(fromState.rawValue)
        } else {
            out += "|from_state"
        }
        if let toState {
            out += "|to_state="
            out += AuditEntry.escape(toState.rawValue)
        } else {
            out += "|to_state"
        }
        out += "|payload="
        out += AuditEntry.escape(payload)
        return out
    }

    public var computedHash: String { hashes.hash }

    /// The Merkle leaf of the row as stored: SHA-256(0x00 || prevHash || canonicalContent).
    public var leafHash: MerkleHash { hashes.leaf }

    /// `computedHash` and `leafHash` from one canonical content.
    public var hashes: (hash: String, leaf: MerkleHash) {
        var input = prevHash
        input += canonicalContent
        return input.withUTF8 { bytes in (SHA256.hex(bytes), MerkleHash.leaf(UnsafeRawBufferPointer(bytes))) }
    }

    /// The same row with `hash` set to `computedHash`.
    public func withComputedHash() -> AuditEntry { with(hash: computedHash) }

    private func with(hash: String) -> AuditEntry {
        AuditEntry(sequence: sequence, requestID: requestID, chainPosition: chainPosition, occurredAt: occurredAt,
                   recordedAt: recordedAt, actor: actor, event: event, fromState: fromState, toState: toState,
                   payload: payload, prevHash: prevHash, hash: hash)
    }

    /// Milliseconds since 1970, robust to a value that went through microsecond storage.
    public static func milliseconds(_ date: Date) -> Int64 {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let q = micros / 1_000
        return micros % 1_000 < 0 ? q - 1 : q
    }

    /// The instant truncated to whole milliseconds.
    public static func truncatedToMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds(date)) / 1_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC.
    public static func iso8601Milliseconds(_ date: Date) -> String {
        let ms = Int(milliseconds(date))
        let days = LocalDate.floorDiv(ms, 86_400_000)
        let msOfDay = ms - days * 86_400_000
        let day = LocalDate(daysSinceEpoch: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        // Zero-padded to `width` digits; every value here is non-negative.
        func append(_ value: Int, _ width: Int) {
            var divisor = 1
            var digits = 1
            while digits < width || value / divisor >= 10 {
                divisor *= 10
                digits += 1
            }
            while divisor > 0 {
                bytes.append(48 + UInt8(truncatingIfNeeded: value / divisor % 10))
                divisor /= 10
            }
        }
        if day.year >= 0 && day.year <= 9999 {
            append(day.year, 4)
        } else {
            bytes.append(contentsOf: String(day.year).leftPadded(to: 4).utf8)
        }
        bytes.append(45); append(day.month, 2); bytes.append(45); append(day.day, 2); bytes.append(84)
        append(msOfDay / 3_600_000, 2); bytes.append(58)
        append(msOfDay / 60_000 % 60, 2); bytes.append(58)
        append(msOfDay / 1_000 % 60, 2); bytes.append(46)
        append(msOfDay % 1_000, 3); bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func escape(_ value: String) -> String {
        // Most values need no escaping; checking the bytes first keeps bulk loads fast.
        var probe = value
        let clean = probe.withUTF8 { utf8 in
            for byte in utf8 where byte == 92 || byte == 124 || byte == 10 || byte == 13 { return false }
            return true
        }
        if clean { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
