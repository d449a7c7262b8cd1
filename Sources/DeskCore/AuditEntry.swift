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
        let fields: [(String, String?)] = [
            ("v", "1"),
            ("sequence", String(sequence)),
            ("request_id", requestID.map { String($0) }),
            ("occurred_at", AuditEntry.iso8601Milliseconds(occurredAt)),
            ("recorded_at", AuditEntry.iso8601Milliseconds(recordedAt)),
            ("actor", actor),
            ("event", event),
            ("from_state", fromState?.rawValue),
            ("to_state", toState?.rawValue),
            ("payload", payload),
        ]
        return fields.map { name, value in value.map { "\(name)=\(AuditEntry.escape($0))" } ?? name }.joined(separator: "|")
    }

    /// `SHA256(prevHash + canonicalContent)` as hex: the hash this row should carry.
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
        let pad = { (value: Int, width: Int) in String(value).leftPadded(to: width) }
        let time = "\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1_000 % 60, 2)).\(pad(msOfDay % 1_000, 3))"
        return "\(LocalDate(daysSinceEpoch: days).iso)T\(time)Z"
    }

    private static func escape(_ value: String) -> String {
        // Most values need no escaping; checking the bytes first keeps bulk loads fast.
        if !value.utf8.contains(where: { $0 == 92 || $0 == 124 || $0 == 10 || $0 == 13 }) { return value }
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
