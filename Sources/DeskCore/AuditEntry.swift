import Foundation

/// One row of the append-only audit log, chained to the previous row by SHA-256 (SPEC §3).
public struct AuditEntry: Sendable, Hashable {
    /// The `prevHash` of the first row.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Position in the log, starting at 1 and without gaps.
    public let sequence: Int64
    /// The request concerned, or nil for desk-wide events (calendar changes, imports).
    public let requestID: Int64?
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
    public init(sequence: Int64, requestID: Int64?, occurredAt: Date, recordedAt: Date, actor: String, event: String,
                fromState: RequestState?, toState: RequestState?, payload: String, prevHash: String, hash: String) {
        self.sequence = sequence
        self.requestID = requestID
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

    /// Creates the next row after `previous` (or the first row when nil), computing its hash.
    ///
    /// Instants are truncated to whole milliseconds so that the hash survives a round trip through
    /// the database; store the entry's `occurredAt` and `recordedAt`, not the originals.
    public static func appending(after previous: AuditEntry?, requestID: Int64?, occurredAt: Date, recordedAt: Date,
                                 actor: String, event: String, fromState: RequestState? = nil,
                                 toState: RequestState? = nil, payload: String = "{}") -> AuditEntry {
        let draft = AuditEntry(sequence: (previous?.sequence ?? 0) + 1, requestID: requestID, occurredAt: occurredAt,
                               recordedAt: recordedAt, actor: actor, event: event, fromState: fromState, toState: toState,
                               payload: payload, prevHash: previous?.hash ?? genesisHash, hash: "")
        return draft.withComputedHash()
    }

    /// The fields in a fixed order as `name=value` joined by `|`, values escaped (`\\`, `\|`, `\n`, `\r`);
    /// a missing optional is written as its bare name. Instants are ISO 8601 UTC with 3 fractional digits.
    public var canonicalContent: String {
        // Built in one buffer: the chain of a million-request desk hashes this millions of times.
        var out = ""
        out.reserveCapacity(160 + payload.utf8.count + actor.utf8.count)
        out += "v=1|sequence="
        out += String(sequence)
        if let requestID {
            out += "|request_id="
            out += String(requestID)
        } else {
            out += "|request_id"
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

    public var computedHash: String {
        SHA256.hex(prevHash + canonicalContent)
    }

    /// The same row with `hash` set to `computedHash`.
    public func withComputedHash() -> AuditEntry {
        AuditEntry(sequence: sequence, requestID: requestID, occurredAt: occurredAt, recordedAt: recordedAt, actor: actor,
                   event: event, fromState: fromState, toState: toState, payload: payload, prevHash: prevHash,
                   hash: computedHash)
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
