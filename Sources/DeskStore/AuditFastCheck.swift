import Crypto
import Foundation
import DeskCore
import Postgres

/// The hot loop of `dsar audit verify` over millions of events: checks chained (version 2) rows
/// straight from libpq's text bytes — canonical content built in one reused buffer, both hashes
/// computed from it, hashes compared as bytes — without making Swift strings or dates per row.
///
/// It only says "all of these hold" (and gives their leaves) or "look closer": on any doubt the
/// caller checks the same rows through `AuditEntry` and `AuditChain`, which name the break, so
/// the two paths agree by construction on what is accepted (`AuditEntry.canonicalContent`).
struct AuditFastCheck {
    private var buffer: [UInt8] = []

    /// Rows of `AuditLog.selectLeafEvents`, each chain's rows together in position order. Returns
    /// the leaves (row index, leaf, hash) when every row and link holds, nil when anything does not.
    mutating func check(_ rows: Rows) -> [(leaf: Int64, hash: MerkleHash)?]? {
        var leaves: [(leaf: Int64, hash: MerkleHash)?] = []
        leaves.reserveCapacity(rows.count)
        var previousRequest: [UInt8] = []
        var previousHash = [UInt8](repeating: 0, count: 64)
        var previousPosition: Int64 = 0
        var previousSequence: Int64 = 0
        var first = true
        for row in rows {
            guard let seq = row.bytes(column: 0), let position = row.bytes(column: 2), let occurred = row.bytes(column: 3),
                  let recorded = row.bytes(column: 4), let actor = row.bytes(column: 5), let event = row.bytes(column: 6),
                  let payload = row.bytes(column: 9), let prev = row.bytes(column: 10), let hash = row.bytes(column: 11),
                  prev.count == 64, hash.count == 64,
                  let sequence = Self.integer(seq), let chainPosition = Self.integer(position)
            else { return nil }
            let request = row.bytes(column: 1)
            // The chain: same request as the row before → the next position after its hash.
            let sameChain = !first && Self.equal(request, previousRequest)
            if sameChain {
                guard chainPosition == previousPosition + 1, sequence > previousSequence,
                      Self.equal(prev, previousHash) else { return nil }
            } else {
                guard chainPosition == 1, prev.allSatisfy({ $0 == 48 }) else { return nil }
                previousRequest = request.map(Array.init) ?? []
            }
            first = false

            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: prev)
            Self.append("v=2|sequence=", to: &buffer)
            buffer.append(contentsOf: seq)
            if let request {
                Self.append("|request_id=", to: &buffer)
                buffer.append(contentsOf: request)
            } else {
                Self.append("|request_id", to: &buffer)
            }
            Self.append("|chain_pos=", to: &buffer)
            buffer.append(contentsOf: position)
            Self.append("|occurred_at=", to: &buffer)
            guard Self.appendInstant(occurred, to: &buffer) else { return nil }
            Self.append("|recorded_at=", to: &buffer)
            guard Self.appendInstant(recorded, to: &buffer) else { return nil }
            Self.append("|actor=", to: &buffer)
            Self.appendEscaped(actor, to: &buffer)
            Self.append("|event=", to: &buffer)
            Self.appendEscaped(event, to: &buffer)
            if let from = row.bytes(column: 7) {
                Self.append("|from_state=", to: &buffer)
                Self.appendEscaped(from, to: &buffer)
            } else {
                Self.append("|from_state", to: &buffer)
            }
            if let to = row.bytes(column: 8) {
                Self.append("|to_state=", to: &buffer)
                Self.appendEscaped(to, to: &buffer)
            } else {
                Self.append("|to_state", to: &buffer)
            }
            Self.append("|payload=", to: &buffer)
            Self.appendEscaped(payload, to: &buffer)

            let (matches, leaf) = buffer.withUnsafeBytes { input -> (Bool, MerkleHash) in
                let digest = Crypto.SHA256.hash(data: input)
                let matches = digest.withUnsafeBytes { Self.hexEquals($0, hash) }
                return (matches, MerkleHash.leaf(input))
            }
            guard matches else { return nil }
            for i in 0..<64 { previousHash[i] = hash[i] }
            previousPosition = chainPosition
            previousSequence = sequence
            if let leafText = row.bytes(column: 12) {
                guard let index = Self.integer(leafText) else { return nil }
                leaves.append((index, leaf))
            } else {
                leaves.append(nil)
            }
        }
        return leaves
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>?, _ b: [UInt8]) -> Bool {
        guard let a else { return b.isEmpty }
        return equal(a, b)
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// PostgreSQL's `YYYY-MM-DD HH:MM:SS[.ffffff]+00` (the session is in UTC) as
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`; false for anything else (another offset, a year past 9999).
    static func appendInstant(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) -> Bool {
        guard text.count >= 22, text[4] == 45, text[10] == 32, text[text.count - 3] == 43, text[text.count - 2] == 48,
              text[text.count - 1] == 48 else { return false }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<10]))
        buffer.append(84)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[11..<19]))
        buffer.append(46)
        let fractionEnd = text.count - 3
        var digits = 0
        if fractionEnd > 19 {
            guard text[19] == 46 else { return false }
            var i = 20
            while i < fractionEnd && digits < 3 {
                buffer.append(text[i])
                digits += 1
                i += 1
            }
        } else if fractionEnd != 19 {
            return false
        }
        while digits < 3 {
            buffer.append(48)
            digits += 1
        }
        buffer.append(90)
        return true
    }

    /// `\`, `|`, newline and carriage return escaped as `AuditEntry.canonicalContent` escapes them.
    static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        for byte in text {
            switch byte {
            case 92: buffer.append(92); buffer.append(92)
            case 124: buffer.append(92); buffer.append(124)
            case 10: buffer.append(92); buffer.append(110)
            case 13: buffer.append(92); buffer.append(114)
            default: buffer.append(byte)
            }
        }
    }

    /// Whether the 32 digest bytes are what the 64 lowercase hex digits say.
    static func hexEquals(_ digest: UnsafeRawBufferPointer, _ hex: UnsafeBufferPointer<UInt8>) -> Bool {
        let digits: StaticString = "0123456789abcdef"
        return digits.withUTF8Buffer { table in
            for i in 0..<32 {
                let byte = digest[i]
                if hex[2 * i] != table[Int(byte >> 4)] || hex[2 * i + 1] != table[Int(byte & 0x0f)] { return false }
            }
            return true
        }
    }
}
