/// The text the learned model reads: one Latin-letter form for all four desk languages.
///
/// - Lower case; every apostrophe (the six Uzbek ones ' ʻ ʼ ‘ ’ ` and their look-alikes) removed,
///   so `oʻchiring`, `o'chiring` and `ochiring` are one word.
/// - All Cyrillic transliterated to Latin (Uzbek rules: ў→o, қ→q, ғ→g, ҳ→h, ш→sh, ч→ch, ж→j…),
///   so Uzbek in either script shares one model. Russian comes out in the same letters; its
///   n-grams (`udalit`, `prosh`) are still unlike Uzbek ones (`ochir`, `soray`), and the model
///   tells them apart.
/// - Two folds for writers on a Russian keyboard, who type к, х for қ, ҳ: q→k and h→x everywhere,
///   in every language, so `қандай`/`кандай`/`qanday` and `ҳақида`/`хакида`/`haqida` meet.
///   (г for ғ needs no fold: both are g once the apostrophe is gone.)
/// - Anything that is not a letter or a digit becomes one space; the result starts and ends
///   with a space, so n-grams see word edges.
///
/// The output is bytes (ASCII for Latin and Cyrillic text, UTF-8 for other scripts), made scalar
/// by scalar through a table: no `Character` work, no allocation per word.
public enum FeatureText {
    /// One scalar's replacement: an offset and length in `replacementBytes`; length 0 = separator.
    struct Entry: Sendable {
        let offset: UInt16
        let count: UInt8
        let isDropped: Bool
    }

    /// Scalars below this bound are looked up in `table` (Latin, Cyrillic, Cyrillic Supplement).
    static let tableBound: UInt32 = 0x530

    /// The apostrophes and look-alikes removed from words (the six Uzbek ones first).
    public static let apostrophes: [Unicode.Scalar] = [
        "'", "\u{02BB}", "\u{02BC}", "\u{2018}", "\u{2019}", "`",
        "\u{00B4}", "\u{2032}", "\u{02B9}", "\u{201B}", "\u{02BD}",
    ]

    /// Cyrillic lower-case letters in Latin (Uzbek transliteration, used for Russian as well).
    static let cyrillic: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
        "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h", "ң": "ng", "ә": "a", "ө": "o", "ү": "u", "і": "i", "ї": "yi", "є": "ye",
    ]

    /// The folds applied after transliteration (see the type's comment).
    static func fold(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "q"): return UInt8(ascii: "k")
        case UInt8(ascii: "h"): return UInt8(ascii: "x")
        default: return byte
        }
    }

    static let (table, replacementBytes): ([Entry], [UInt8]) = {
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        entries.reserveCapacity(Int(tableBound))
        for value in 0..<tableBound {
            guard let scalar = Unicode.Scalar(value) else {
                entries.append(Entry(offset: 0, count: 0, isDropped: false))
                continue
            }
            if apostrophes.contains(scalar) {
                entries.append(Entry(offset: 0, count: 0, isDropped: true))
                continue
            }
            let replacement = replacement(for: scalar)
            if replacement == nil {
                entries.append(Entry(offset: 0, count: 0, isDropped: false))
            } else if let replacement, replacement.isEmpty {
                entries.append(Entry(offset: 0, count: 0, isDropped: true))
            } else if let replacement {
                entries.append(Entry(offset: UInt16(bytes.count), count: UInt8(replacement.count), isDropped: false))
                bytes.append(contentsOf: replacement)
            }
        }
        return (entries, bytes)
    }()

    /// The replacement bytes of one scalar; nil for a separator, empty for a dropped one.
    static func replacement(for scalar: Unicode.Scalar) -> [UInt8]? {
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else {
            // Combining marks (accents written separately) vanish inside a word.
            return properties.generalCategory == .nonspacingMark ? [] : nil
        }
        let lower = String(scalar).lowercased()
        var output: [UInt8] = []
        for lowered in lower.unicodeScalars {
            if let latin = cyrillic[lowered] {
                output.append(contentsOf: latin.utf8.map(fold))
            } else if lowered.value < 0x80 {
                output.append(fold(UInt8(lowered.value)))
            } else if let base = latinBase(lowered) {
                output.append(contentsOf: base.map(fold))
            } else {
                output.append(contentsOf: String(lowered).utf8)
            }
        }
        return output
    }

    /// Latin letters with diacritics as plain letters; ş ç ğ ñ as the 1995 Uzbek alphabet's sh ch g ng.
    static let latinLetters: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = ["ş": "sh", "ç": "ch", "ğ": "g", "ñ": "ng", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe"]
        let groups = ["a": "àáâãäåāăą", "c": "ćĉċč", "d": "ďđ", "e": "èéêëēĕėęě", "g": "ĝġģ", "h": "ĥħ", "i": "ìíîïĩīĭįı",
                      "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ńņňŉ", "o": "òóôõöōŏő", "r": "ŕŗř", "s": "śŝšș",
                      "t": "ţťŧț", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž"]
        for (base, letters) in groups {
            for letter in letters.unicodeScalars { map[letter] = base }
        }
        return map
    }()

    /// The ASCII form of a Latin letter with a diacritic, if it has one.
    static func latinBase(_ scalar: Unicode.Scalar) -> [UInt8]? {
        latinLetters[scalar].map { Array($0.utf8) }
    }

    /// The normalised text of `text`, appended to `output` (which should end in a space or be empty).
    public static func append(_ text: String, to output: inout [UInt8]) {
        if output.isEmpty { output.append(0x20) }
        var lastWasSpace = output.last == 0x20
        table.withUnsafeBufferPointer { table in
            replacementBytes.withUnsafeBufferPointer { replacements in
                for scalar in text.unicodeScalars {
                    let value = scalar.value
                    if value < 0x80 {
                        // ASCII: letters and digits kept (lower case, folded), the rest separates.
                        var byte = UInt8(value)
                        if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                        if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                            output.append(fold(byte))
                            lastWasSpace = false
                        } else if byte == 0x27 || byte == 0x60 {
                            continue
                        } else if !lastWasSpace {
                            output.append(0x20)
                            lastWasSpace = true
                        }
                        continue
                    }
                    if value < tableBound {
                        let entry = table[Int(value)]
                        if entry.isDropped { continue }
                        if entry.count == 0 {
                            if !lastWasSpace { output.append(0x20); lastWasSpace = true }
                            continue
                        }
                        let start = Int(entry.offset)
                        for index in start..<start + Int(entry.count) { output.append(replacements[index]) }
                        lastWasSpace = false
                        continue
                    }
                    if apostrophes.contains(scalar) { continue }
                    if let replacement = replacement(for: scalar) {
                        if replacement.isEmpty { continue }
                        output.append(contentsOf: replacement)
                        lastWasSpace = false
                    } else if !lastWasSpace {
                        output.append(0x20)
                        lastWasSpace = true
                    }
                }
            }
        }
        if !lastWasSpace { output.append(0x20) }
    }

    /// `append` into a new array.
    public static func normalize(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 2)
        append(text, to: &output)
        return output
    }

    /// `normalize` as a string, for tests and explanations.
    public static func normalizedString(_ text: String) -> String {
        String(decoding: normalize(text), as: UTF8.self)
    }

    /// The body without its signature: everything from a `-- ` line, a "Sent from my …" line or a
    /// rule of ten or more underscores on is the sender's footer, not what they ask.
    ///
    /// Read as bytes, line by line; the text is copied only when a signature is found.
    public static func withoutSignature(_ body: String) -> String {
        var body = body
        let cut: Int? = body.withUTF8 { bytes -> Int? in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                if isSignatureStart(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return start }
                start = end + 1
            }
            return nil
        }
        guard let cut else { return body }
        return String(decoding: body.utf8.prefix(cut), as: UTF8.self)
    }

    static let signaturePrefixes: [[UInt8]] = ["Sent from my ", "Отправлено с ", "Yuborildi:"].map { Array($0.utf8) }

    /// Whether one line (without its LF) starts a signature.
    static func isSignatureStart(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var first = 0
        var last = line.count
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while first < last && isBlank(line[first]) { first += 1 }
        while last > first && isBlank(line[last - 1]) { last -= 1 }
        let length = last - first
        guard length >= 1 else { return false }
        if length == 2 && line[first] == 0x2D && line[first + 1] == 0x2D { return true }  // "--"
        if length == 3 && line[first] == 0xE2 && line[first + 1] == 0x80 && line[first + 2] == 0x94 { return true }  // "—"
        if length >= 10 && (first..<last).allSatisfy({ line[$0] == 0x5F }) { return true }  // "__________"
        return signaturePrefixes.contains { prefix in
            length >= prefix.count && (0..<prefix.count).allSatisfy { line[first + $0] == prefix[$0] }
        }
    }
}
