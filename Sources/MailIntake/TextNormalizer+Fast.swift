/// Byte- and scalar-level versions of `TextNormalizer`'s character-level operations, for speed.
///
/// `Character` iteration runs grapheme breaking and `Character` comparisons for every letter of
/// every message; most mail is written in scalars that are each a grapheme cluster of their own
/// (ASCII, Latin-1 and Latin Extended, Cyrillic, general punctuation). For text made only of such
/// scalars the fast versions walk Unicode scalars through a table computed once FROM the
/// character-level code itself, so the result is the same by construction (the tests compare
/// both on every scalar of the table and on mixed texts); any other text takes the character-level
/// path unchanged.
extension TextNormalizer {
    /// What `normalize` does with one scalar that is a grapheme cluster of its own.
    struct ScalarEntry: Sendable {
        /// `notCovered`, `dropped`, `separator`, or the scalar's normalised form.
        let mapped: UInt32
        /// `Character(scalar).isUppercase`.
        let isUppercase: Bool
    }

    /// The scalar may join its neighbours into one cluster or lower-cases to several scalars.
    static let notCovered: UInt32 = 0xFFFF_FFFF
    /// An apostrophe: removed.
    static let dropped: UInt32 = 0xFFFF_FFFE
    /// Neither letter nor number: becomes (collapsing) space.
    static let separator: UInt32 = 0xFFFF_FFFD

    /// Scalars below this bound index `lowTable` directly (up to the end of Cyrillic Supplement).
    static let lowBound: UInt32 = 0x530
    /// General Punctuation, indexed from `punctuationStart` in `punctuationTable`.
    static let punctuationStart: UInt32 = 0x2000
    static let punctuationEnd: UInt32 = 0x2070

    static let lowTable: [ScalarEntry] = (0..<lowBound).map { entry(for: $0) }
    static let punctuationTable: [ScalarEntry] = (punctuationStart..<punctuationEnd).map { entry(for: $0) }

    /// Scalars left to the character-level path: those that may join a neighbour into one cluster
    /// (combining marks, Cyrillic combining signs, zero-width joiners and other format controls),
    /// and Greek (whose lower case can depend on the next letter).
    static func mayJoin(_ value: UInt32) -> Bool {
        (0x300...0x3FF).contains(value) || (0x483...0x489).contains(value) || (0x200B...0x200F).contains(value)
            || (0x2028...0x202E).contains(value) || (0x2060...0x206F).contains(value) || value == 0xAD || value == 0x34F
    }

    /// The table entry of one scalar, computed by the character-level `normalize`.
    static func entry(for value: UInt32) -> ScalarEntry {
        guard let scalar = Unicode.Scalar(value), !mayJoin(value) else { return ScalarEntry(mapped: notCovered, isUppercase: false) }
        let character = Character(scalar)
        let upper = character.isUppercase
        if apostrophes.contains(character) { return ScalarEntry(mapped: dropped, isUppercase: upper) }
        let normalized = Array(normalize(String(character)).unicodeScalars)
        if normalized == [" "] { return ScalarEntry(mapped: separator, isUppercase: upper) }
        if normalized.count == 3, normalized[0] == " ", normalized[2] == " " {
            return ScalarEntry(mapped: normalized[1].value, isUppercase: upper)
        }
        return ScalarEntry(mapped: notCovered, isUppercase: upper)
    }

    /// The table entry for `scalar`, or nil when it is outside the tables.
    @inline(__always)
    static func tableEntry(_ value: UInt32) -> ScalarEntry? {
        if value < lowBound { return lowTable[Int(value)] }
        if value >= punctuationStart && value < punctuationEnd { return punctuationTable[Int(value - punctuationStart)] }
        return nil
    }

    /// Whether every scalar of `text` is in the tables and safe: the fast paths apply.
    static func isSimple(_ text: String) -> Bool {
        for byte in text.utf8 where byte >= 0x80 {
            return text.unicodeScalars.allSatisfy { scalar in
                scalar.value < 0x80 || (tableEntry(scalar.value).map { $0.mapped != notCovered } ?? false)
            }
        }
        return true
    }

    /// `Array(normalize(text).utf8)`, without `Character` iteration when the text allows.
    static func normalizedBytes(_ text: String) -> [UInt8] {
        var output: [UInt8] = [0x20]
        output.reserveCapacity(text.utf8.count + 2)
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            guard let entry = tableEntry(scalar.value), entry.mapped != notCovered else {
                return Array(normalize(text).utf8)
            }
            let mapped = entry.mapped
            if mapped == dropped { continue }
            if mapped == separator {
                if lastWasSpace { continue }
                lastWasSpace = true
                output.append(0x20)
                continue
            }
            lastWasSpace = false
            appendUTF8(mapped, to: &output)
        }
        if !lastWasSpace { output.append(0x20) }
        return output
    }

    @inline(__always)
    static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// `sentences(text)` on Unicode scalars; nil when the text needs the character-level path.
    static func fastSentences(_ text: String) -> [String]? {
        for scalar in text.unicodeScalars where scalar.value >= 0x80 || scalar == "\r" {
            guard scalar != "\r", let entry = tableEntry(scalar.value), entry.mapped != notCovered else { return nil }
        }
        var text = text
        return text.withUTF8 { bytes in fastSentences(utf8: bytes) }
    }

    /// `fastSentences` over the text's UTF-8 (already checked: no CR, every scalar in the table).
    /// The stops, spaces and line breaks are ASCII, so a sentence is a run of bytes (line breaks
    /// written as spaces); only the scalar after a stop is decoded, to ask whether it is upper case.
    private static func fastSentences(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        func scalarValue(at index: Int) -> UInt32 {
            let lead = UInt32(bytes[index])
            if lead < 0x80 { return lead }
            if lead < 0xE0 { return (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F) }
            if lead < 0xF0 {
                return (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            }
            return (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
        }
        func sentence(_ range: Range<Int>) -> String {
            String(unsafeUninitializedCapacity: range.count) { output in
                for (offset, byte) in bytes[range].enumerated() { output[offset] = byte == 0x0A ? 0x20 : byte }
                return range.count
            }
        }
        var sentences: [String] = []
        func sentencesOf(_ paragraph: Range<Int>) {
            var current = paragraph.lowerBound
            var hasContent = false
            var index = paragraph.lowerBound
            while index < paragraph.upperBound {
                let byte = bytes[index]
                if byte != 0x20 && byte != 0x09 && byte != 0x0A { hasContent = true }
                if byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B {  // . ! ? ;
                    var next = index + 1
                    while next < paragraph.upperBound, bytes[next] == 0x20 || bytes[next] == 0x0A { next += 1 }
                    if next == paragraph.upperBound
                        || (next > index + 1 && (byte != 0x2E || (tableEntry(scalarValue(at: next))?.isUppercase ?? false))) {
                        sentences.append(sentence(current..<index + 1))
                        current = index + 1
                        hasContent = false
                    }
                }
                index += 1
            }
            if hasContent { sentences.append(sentence(current..<paragraph.upperBound)) }
        }
        // Paragraphs: split at "\n\n", left to right, empty pieces omitted.
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                if index > start { sentencesOf(start..<index) }
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { sentencesOf(start..<bytes.count) }
        return sentences
    }
}
