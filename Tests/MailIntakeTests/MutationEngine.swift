import Foundation

/// Deterministic mutations of mail bytes: each one a way real mail, a broken client or a hostile
/// sender damages a message. Seeded, so a failing input can be rebuilt from its round number.
struct MutationEngine {
    enum Kind: CaseIterable {
        case bitFlips, insertBytes, deleteBytes, truncate, duplicateHeader, corruptBoundary
        case swapCharsetLabel, swapEncodingLabel, splice, hugeLine, nuls, invalidUTF8, deepNesting
        case lineEndings, junk
    }

    var random: RobustnessTests.SplitMix
    /// Messages to splice from.
    let donors: [[UInt8]]
    /// Longest line `hugeLine` writes; one in `veryHugeEvery` huge lines is over 1 MiB instead,
    /// past the mbox reader's longest line segment.
    var hugeLineBytes = 8 * 1024
    var veryHugeEvery = 600
    private var hugeLines = 0

    init(seed: UInt64, donors: [[UInt8]]) {
        random = RobustnessTests.SplitMix(state: seed)
        self.donors = donors
    }

    mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(random.next() % UInt64(bound))
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    /// One to three mutations, the kinds chosen at random; returns the kinds applied.
    mutating func mutate(_ bytes: [UInt8]) -> ([UInt8], [Kind]) {
        var mutated = bytes
        var kinds: [Kind] = []
        for _ in 0...below(3) {
            let kind = pick(Kind.allCases)
            mutated = apply(kind, to: mutated)
            kinds.append(kind)
        }
        return (mutated, kinds)
    }

    mutating func apply(_ kind: Kind, to bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        switch kind {
        case .bitFlips:
            guard !bytes.isEmpty else { return [UInt8(truncatingIfNeeded: random.next())] }
            for _ in 0...below(32) { bytes[below(bytes.count)] ^= 1 << UInt8(below(8)) }
        case .insertBytes:
            let inserted = (0...below(64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.insert(contentsOf: inserted, at: below(bytes.count + 1))
        case .deleteBytes:
            guard !bytes.isEmpty else { return bytes }
            let start = below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(256)))
        case .truncate:
            bytes = Array(bytes.prefix(below(bytes.count + 1)))
        case .duplicateHeader:
            bytes = duplicateHeader(bytes)
        case .corruptBoundary:
            bytes = corruptBoundary(bytes)
        case .swapCharsetLabel:
            bytes = replaceValues(after: "charset=", in: bytes, with: [
                "utf-8", "UTF-8", "koi8-r", "windows-1251", "cp1251", "iso-8859-5", "iso-8859-15", "utf-16le", "utf-16",
                "utf-32", "utf-7", "x-unknown", "", "\"", "gb2312", "iso-2022-jp", "us-ascii", "windows-1252", "latin1",
                String(repeating: "x", count: 300),
            ])
            bytes = replaceEncodedWordCharset(bytes)
        case .swapEncodingLabel:
            bytes = replaceValues(after: "content-transfer-encoding:", in: bytes, with: [
                " base64", " quoted-printable", " 7bit", " 8bit", " binary", " x-uuencode", " BASE64", "", " base 64",
            ])
            bytes = swapEncodedWordEncoding(bytes)
        case .splice:
            let donor = pick(donors)
            bytes = Array(bytes.prefix(below(bytes.count + 1))) + Array(donor.suffix(below(donor.count + 1)))
        case .hugeLine:
            hugeLines += 1
            let length = hugeLines % veryHugeEvery == 0 ? (1 << 20) + 1 + below(64 * 1024) : 999 + below(hugeLineBytes)
            let unit: [UInt8] = pick([[0x61], [0x3D], [0x20], [0x3C], Array("QUJD".utf8), Array("=?utf-8?B?0JA=?= ".utf8),
                                      Array("(".utf8), [0xD0, 0x90]])
            var line: [UInt8] = []
            line.reserveCapacity(length + 8)
            while line.count < length { line.append(contentsOf: unit) }
            line.append(0x0A)
            bytes.insert(contentsOf: line, at: lineStart(in: bytes, near: below(bytes.count + 1)))
        case .nuls:
            for _ in 0...below(4) {
                bytes.insert(contentsOf: [UInt8](repeating: 0, count: 1 + below(8)), at: below(bytes.count + 1))
            }
        case .invalidUTF8:
            let sequences: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF, 0xFE],
                                        [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xEF, 0xBB, 0xBF]]
            for _ in 0...below(6) { bytes.insert(contentsOf: pick(sequences), at: below(bytes.count + 1)) }
        case .deepNesting:
            bytes = nest(bytes, depth: 1 + below(40))
        case .lineEndings:
            switch below(3) {
            case 0: bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            case 1: bytes = bytes.map { $0 == 0x0A && below(3) == 0 ? 0x0D : $0 }
            default: bytes.removeAll { $0 == 0x0D || ($0 == 0x0A && below(4) == 0) }
            }
        case .junk:
            let junk: [[UInt8]] = [Array("=?utf-8?B?".utf8), Array("\n--".utf8), Array("=\n".utf8), Array("=?".utf8),
                                   Array("Content-Type: multipart/mixed; boundary=x\n".utf8), Array("<script>".utf8),
                                   Array("&#x110000;&#0;&#xD800;".utf8), Array("(((((((".utf8), Array("\nFrom x\n".utf8),
                                   Array("\n\nFrom ".utf8), Array(">From ".utf8), Array("\n \n\t\n".utf8),
                                   Array("Content-Type: message/rfc822\n\n".utf8), Array("; name*0*=utf-8''%D0%; name*1=x".utf8),
                                   Array("DSAR-2026-".utf8)]
            bytes.insert(contentsOf: pick(junk), at: below(bytes.count + 1))
        }
        return bytes
    }

    /// The start of the line holding `index` (so an inserted line stays a line).
    func lineStart(in bytes: [UInt8], near index: Int) -> Int {
        var start = min(index, bytes.count)
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        return start
    }

    /// Header lines up to the first empty line: (start, end-with-LF) ranges.
    func headerLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let end = (bytes[start...].firstIndex(of: 0x0A) ?? (bytes.count - 1)) + 1
            if end - start <= 1 || (end - start == 2 && bytes[start] == 0x0D) { break }
            lines.append(start..<end)
            start = end
        }
        return lines
    }

    mutating func duplicateHeader(_ bytes: [UInt8]) -> [UInt8] {
        let lines = headerLines(bytes)
        var copy: [UInt8]
        if lines.isEmpty || below(4) == 0 {
            copy = Array(pick([
                "Content-Type: multipart/alternative; boundary=\"dup\"\n", "Content-Type: text/html; charset=koi8-r\n",
                "Content-Transfer-Encoding: base64\n", "From: \"Dup\" <dup@example.uz>\n", "Subject: =?utf-8?Q?dup?=\n",
                "Date: 31 Feb 2026 25:61:61 +9999\n", "MIME-Version: 1.0\n", "Reply-To: <>\n",
            ]).utf8)
        } else {
            copy = Array(bytes[pick(lines)])
        }
        var result = bytes
        let times = below(8) == 0 ? 1 + below(500) : 1 + below(3)
        let at = lines.isEmpty ? 0 : pick(lines).lowerBound
        result.insert(contentsOf: (0..<times).flatMap { _ in copy }, at: at)
        return result
    }

    mutating func corruptBoundary(_ bytes: [UInt8]) -> [UInt8] {
        var lines = split(bytes)
        let delimiters = lines.indices.filter { lines[$0].starts(with: [0x2D, 0x2D]) }
        switch below(5) {
        case 0:
            // Delete every delimiter line.
            lines = lines.enumerated().filter { !delimiters.contains($0.offset) }.map(\.element)
        case 1:
            // Damage one delimiter line.
            guard let index = delimiters.isEmpty ? nil : pick(delimiters), lines[index].count > 2 else { break }
            lines[index][2 + below(lines[index].count - 2)] ^= UInt8(1 + below(255))
        case 2:
            // Close the multipart early.
            guard let index = delimiters.isEmpty ? nil : pick(delimiters) else { break }
            var closing = lines[index]
            while closing.last == 0x0A || closing.last == 0x0D { closing.removeLast() }
            closing += Array("--\n".utf8)
            lines.insert(closing, at: below(lines.count + 1))
        case 3:
            // Drop the closing delimiter.
            lines.removeAll { line in
                var content = line[...]
                while content.last == 0x0A || content.last == 0x0D { content.removeLast() }
                return content.count > 4 && content.starts(with: [0x2D, 0x2D]) && content.suffix(2).elementsEqual([0x2D, 0x2D])
            }
        default:
            // Change the declared boundary.
            return replaceValues(after: "boundary=", in: bytes, with: ["\"\"", "", "x", "\"--\"", "\"a b\"", "==", "\"\u{0}\""])
        }
        return lines.flatMap { $0 }
    }

    /// Lines with their LF.
    func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = (bytes[start...].firstIndex(of: 0x0A) ?? (bytes.count - 1)) + 1
            lines.append(Array(bytes[start..<end]))
            start = end
        }
        return lines
    }

    /// Replaces the token after each (ASCII case-insensitive) occurrence of `marker` with a random choice.
    mutating func replaceValues(after marker: String, in bytes: [UInt8], with choices: [String]) -> [UInt8] {
        let needle = Array(marker.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if lower(bytes[index]) == needle[0], index + needle.count <= bytes.count,
               zip(bytes[index..<(index + needle.count)], needle).allSatisfy({ lower($0) == $1 }) {
                result.append(contentsOf: bytes[index..<(index + needle.count)])
                index += needle.count
                let quoted = index < bytes.count && bytes[index] == 0x22
                if quoted { index += 1 }
                while index < bytes.count, !Self.endsToken(bytes[index], quoted: quoted) { index += 1 }
                if quoted && index < bytes.count && bytes[index] == 0x22 { index += 1 }
                result.append(contentsOf: Array(pick(choices).utf8))
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    static func endsToken(_ byte: UInt8, quoted: Bool) -> Bool {
        quoted ? byte == 0x22 || byte == 0x0A : byte == 0x3B || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// `=?charset?` in encoded words gets another label.
    mutating func replaceEncodedWordCharset(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var index = 0
        while index + 2 < result.count {
            if result[index] == 0x3D && result[index + 1] == 0x3F,
               let end = result[(index + 2)...].prefix(40).firstIndex(of: 0x3F) {
                let label = Array(pick(["koi8-r", "utf-8", "x-bogus", "", "utf-16", "windows-1251", "iso-8859-1*uz"]).utf8)
                result.replaceSubrange((index + 2)..<end, with: label)
                index += 2 + label.count
            } else {
                index += 1
            }
        }
        return result
    }

    /// `?B?` ↔ `?Q?` in encoded words.
    mutating func swapEncodedWordEncoding(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for index in result.indices.dropLast(2) where result[index] == 0x3F && result[index + 2] == 0x3F {
            switch result[index + 1] {
            case 0x42, 0x62: result[index + 1] = 0x51
            case 0x51, 0x71: result[index + 1] = 0x42
            default: break
            }
        }
        return result
    }

    /// Wraps `bytes` in `depth` levels of multipart or message/rfc822, sometimes without closing delimiters.
    mutating func nest(_ bytes: [UInt8], depth: Int) -> [UInt8] {
        var inner = bytes
        for level in 0..<depth {
            if below(3) == 0 {
                inner = Array("From: level\(level)@example.uz\nContent-Type: message/rfc822\n\n".utf8) + inner
            } else {
                let boundary = below(5) == 0 ? "b" : "b\(level)"
                let close = below(4) == 0 ? "" : "\n--\(boundary)--\n"
                inner = Array("From: level\(level)@example.uz\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\n\n--\(boundary)\n".utf8)
                    + inner + Array(close.utf8)
            }
        }
        return inner
    }
}
