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
        let scalars = Array(text.unicodeScalars)
        for scalar in scalars where scalar.value >= 0x80 || scalar == "\r" {
            guard scalar != "\r", let entry = tableEntry(scalar.value), entry.mapped != notCovered else { return nil }
        }
        func isUppercase(_ scalar: Unicode.Scalar) -> Bool { tableEntry(scalar.value)?.isUppercase ?? false }
        func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" }
        var sentences: [String] = []
        func sentencesOf(_ paragraph: ArraySlice<Unicode.Scalar>) {
            let characters = paragraph.map { $0 == "\n" ? " " : $0 }
            var current = String.UnicodeScalarView()
            var hasContent = false
            var index = 0
            while index < characters.count {
                let character = characters[index]
                current.append(character)
                if !isSpaceLike(character) { hasContent = true }
                if character == "." || character == "!" || character == "?" || character == ";" {
                    var next = index + 1
                    while next < characters.count, characters[next] == " " { next += 1 }
                    if next == characters.count || (next > index + 1 && (isUppercase(characters[next]) || character != ".")) {
                        sentences.append(String(current))
                        current = String.UnicodeScalarView()
                        hasContent = false
                    }
                }
                index += 1
            }
            if hasContent { sentences.append(String(current)) }
        }
        // Paragraphs: split at "\n\n", left to right, empty pieces omitted.
        var start = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\n", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                if index > start { sentencesOf(scalars[start..<index]) }
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < scalars.count { sentencesOf(scalars[start...]) }
        return sentences
    }
}
