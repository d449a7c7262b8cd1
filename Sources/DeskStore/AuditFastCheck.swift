import Crypto
import DeskCore
import Postgres

/// The hot loop of `dsar audit verify` over millions of events: checks chained (version 2) rows
/// as they stream in binary COPY format (`AuditLog.leafColumns`) — canonical content built in one
/// reused buffer, both hashes computed from it, hashes compared as bytes — without making Swift
/// strings or dates per row.
///
/// It only says "all of these hold" (and gives their leaves and each chain's newest event) or
/// "look closer": on any doubt the caller checks the same rows through `AuditEntry` and
/// `AuditChain`, which name the break, so the two paths agree by construction on what is
/// accepted (`AuditEntry.canonicalContent`).
struct AuditFastCheck: ~Copyable {
    /// A chain's newest event, for the check of the head its request row records.
    struct Tail {
        let requestID: Int64
        let position: Int64
        let sequence: Int64
        let hash: HexHash
    }

    /// 64 hex digits held as eight machine words (no allocation per chain).
    struct HexHash: Equatable {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

        init() {}

        /// The first 64 bytes of `digits` (which has at least 64).
        init(_ digits: UnsafeRawBufferPointer) {
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: digits.prefix(64))) }
        }

        /// nil unless exactly 64 bytes.
        init?(_ text: String) {
            var text = text
            guard let hash = text.withUTF8({ $0.count == 64 ? HexHash(UnsafeRawBufferPointer($0)) : nil }) else { return nil }
            self = hash
        }

        static func == (a: HexHash, b: HexHash) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
                && a.words.4 == b.words.4 && a.words.5 == b.words.5 && a.words.6 == b.words.6 && a.words.7 == b.words.7
        }
    }

    private var buffer: UnsafeMutableRawBufferPointer
    private var count = 0
    /// (leaf index, leaf hash) of each sealed row checked so far.
    private(set) var leaves: [(leaf: Int64, hash: MerkleHash)] = []
    /// Rows checked so far.
    private(set) var checked = 0
    /// The newest event of each request's chain, in request order (desk chain: none).
    private(set) var tails: [Tail] = []
    private var previousRequest: Int64?
    private var previousHash = Self.genesis
    private static let genesis = HexHash(String(repeating: "0", count: 64)) ?? HexHash()
    private var previousPosition: Int64 = 0
    private var previousSequence: Int64 = 0
    private var first = true
    private var lastDay = (days: 0, date: LocalDate(daysSinceEpoch: 0))

    init() {
        buffer = .allocate(byteCount: 4096, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Checks the next row (each chain's rows together in position order); false at the first
    /// doubt, after which the whole set of rows must be checked the slow way.
    mutating func add(_ row: CopyOutRow) -> Bool {
        guard row.count == 13, let sequence = row.int64(0), let position = row.int64(2),
              let occurred = row.int64(3), let recorded = row.int64(4), let actor = row.bytes(5), let event = row.bytes(6),
              let payload = row.bytes(9), let prev = row.bytes(10), let hash = row.bytes(11),
              prev.count == 64, hash.count == 64, sequence > 0, position > 0
        else { return false }
        let request = row.int64(1)
        guard request.map({ $0 > 0 }) ?? row.isNull(1) else { return false }
        // The chain: same request as the row before → the next position after its hash.
        if !first && request == previousRequest {
            guard position == previousPosition + 1, sequence > previousSequence,
                  HexHash(prev) == previousHash else { return false }
        } else {
            guard position == 1, HexHash(prev) == Self.genesis else { return false }
            if !first { closeChain() }
            previousRequest = request
        }
        first = false

        count = 0
        append(prev)
        append("v=2|sequence=")
        appendDecimal(sequence)
        if let request {
            append("|request_id=")
            appendDecimal(request)
        } else {
            append("|request_id")
        }
        append("|chain_pos=")
        appendDecimal(position)
        append("|occurred_at=")
        guard appendInstant(occurred) else { return false }
        append("|recorded_at=")
        guard appendInstant(recorded) else { return false }
        append("|actor=")
        appendEscaped(actor)
        append("|event=")
        appendEscaped(event)
        if let from = row.bytes(7) {
            append("|from_state=")
            appendEscaped(from)
        } else {
            append("|from_state")
        }
        if let to = row.bytes(8) {
            append("|to_state=")
            appendEscaped(to)
        } else {
            append("|to_state")
        }
        append("|payload=")
        appendEscaped(payload)

        let input = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        let digest = Crypto.SHA256.hash(data: input)
        guard digest.withUnsafeBytes({ Self.hexEquals($0, hash) }) else { return false }
        if let leaf = row.int64(12) {
            guard leaf >= 0 else { return false }
            leaves.append((leaf, MerkleHash.leaf(input)))
        } else if !row.isNull(12) {
            return false
        }
        previousHash = HexHash(hash)
        previousPosition = position
        previousSequence = sequence
        checked += 1
        return true
    }

    /// Ends the rows: the last chain's tail is recorded.
    mutating func finish() {
        if !first { closeChain() }
        first = true
    }

    private mutating func closeChain() {
        guard let request = previousRequest else { return }
        tails.append(Tail(requestID: request, position: previousPosition, sequence: previousSequence, hash: previousHash))
    }

    // MARK: The canonical content, byte by byte

    private mutating func reserve(_ extra: Int) {
        guard count + extra > buffer.count else { return }
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count * 2, count + extra), alignment: 8)
        grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        buffer.deallocate()
        buffer = grown
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        UnsafeMutableRawBufferPointer(rebasing: buffer[count..<(count + bytes.count)]).copyMemory(from: bytes)
        count += bytes.count
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    private mutating func appendByte(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// A positive integer in decimal.
    private mutating func appendDecimal(_ value: Int64) {
        reserve(20)
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        writeDigits(Int(value), digits)
    }

    private mutating func appendDigits(_ value: Int, _ width: Int) {
        writeDigits(value, width)
    }

    /// `value` zero-padded to `width` digits at the end of the content (room reserved by the caller).
    private mutating func writeDigits(_ value: Int, _ width: Int) {
        guard let base = buffer.baseAddress else { return }
        let out = (base + count).assumingMemoryBound(to: UInt8.self)
        var remaining = value
        var index = width - 1
        while index >= 0 {
            out[index] = 48 &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
            index -= 1
        }
        count += width
    }

    /// A `timestamptz` (microseconds since 2000) as `AuditEntry.iso8601Milliseconds` writes it,
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`; false for a year outside 1–9999 (±infinity among them).
    private mutating func appendInstant(_ microsecondsSince2000: Int64) -> Bool {
        let (since1970, overflow) = microsecondsSince2000.addingReportingOverflow(CopyOutRow.postgresEpochMicroseconds)
        guard !overflow else { return false }
        let ms = Int(since1970 >= 0 ? since1970 / 1_000 : (since1970 - 999) / 1_000)
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = ms - days * 86_400_000
        // An event's two instants, and a chain's events, mostly fall on the same day.
        if days != lastDay.days { lastDay = (days, LocalDate(daysSinceEpoch: days)) }
        let day = lastDay.date
        guard day.year >= 1, day.year <= 9999 else { return false }
        reserve(24)
        appendDigits(day.year, 4); appendByte(45); appendDigits(day.month, 2); appendByte(45); appendDigits(day.day, 2)
        appendByte(84)
        appendDigits(msOfDay / 3_600_000, 2); appendByte(58)
        appendDigits(msOfDay / 60_000 % 60, 2); appendByte(58)
        appendDigits(msOfDay / 1_000 % 60, 2); appendByte(46)
        appendDigits(msOfDay % 1_000, 3); appendByte(90)
        return true
    }

    /// `\`, `|`, newline and carriage return escaped as `AuditEntry.canonicalContent` escapes them.
    /// Eight bytes at a time while none of them needs escaping (most text needs none).
    private mutating func appendEscaped(_ text: UnsafeRawBufferPointer) {
        reserve(text.count * 2)
        guard let base = buffer.baseAddress, let source = text.baseAddress else { return }
        let input = source.assumingMemoryBound(to: UInt8.self)
        let out = (base + count).assumingMemoryBound(to: UInt8.self)
        var written = 0
        var index = 0
        while index + 8 <= text.count {
            let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if !Self.needsEscaping(word) {
                UnsafeMutableRawPointer(out + written).storeBytes(of: word, as: UInt64.self)
                written += 8
                index += 8
                continue
            }
            for offset in index..<(index + 8) { Self.escape(input[offset], into: out, at: &written) }
            index += 8
        }
        while index < text.count {
            Self.escape(input[index], into: out, at: &written)
            index += 1
        }
        count += written
    }

    @inline(__always)
    private static func escape(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>, at written: inout Int) {
        let escaped: UInt8
        switch byte {
        case 92: escaped = 92
        case 124: escaped = 124
        case 10: escaped = 110
        case 13: escaped = 114
        default:
            out[written] = byte
            written += 1
            return
        }
        out[written] = 92
        out[written + 1] = escaped
        written += 2
    }

    /// Whether any of the eight bytes is `\`, `|`, newline or carriage return (the zero-byte test
    /// of each against the byte repeated; no false negatives, and a false positive only costs the
    /// byte-by-byte path).
    @inline(__always)
    static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return hasZeroByte(word ^ (ones &* 92)) || hasZeroByte(word ^ (ones &* 124)) || hasZeroByte(word ^ (ones &* 10))
            || hasZeroByte(word ^ (ones &* 13))
    }

    /// Whether the 32 digest bytes are what the 64 lowercase hex digits say.
    static func hexEquals(_ digest: UnsafeRawBufferPointer, _ hex: UnsafeRawBufferPointer) -> Bool {
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
