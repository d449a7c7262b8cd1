/// Puts text and vocabulary phrases into one comparable form for the classifier.
enum TextNormalizer {
    /// Every way people type the Uzbek apostrophes and the tutuq belgisi.
    static let apostrophes: Set<Character> = ["'", "ʻ", "ʼ", "‘", "’", "`", "´", "′", "ʹ", "‛", "ʽ"]

    /// Lower case, apostrophes removed, `ё` → `е`, punctuation → space, spaces collapsed,
    /// with a leading and trailing space so phrases can demand whole words.
    static func normalize(_ text: String) -> String {
        var output = " "
        var lastWasSpace = true
        for character in text.lowercased() {
            if apostrophes.contains(character) { continue }
            var mapped = character
            if character == "ё" { mapped = "е" }
            if !(mapped.isLetter || mapped.isNumber) { mapped = " " }
            if mapped == " " {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            output.append(mapped)
        }
        if !lastWasSpace { output.append(" ") }
        return output
    }

    /// Sentences of `text`: split at blank lines and at `.`/`!`/`?` followed by space and a capital
    /// (so "Art. 15" stays inside its sentence); single line breaks are joined.
    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        for paragraph in text.split(separator: "\n\n", omittingEmptySubsequences: true) {
            let characters = Array(String(paragraph).replacingAll("\n", with: " "))
            var current = ""
            var index = 0
            while index < characters.count {
                let character = characters[index]
                current.append(character)
                if character == "." || character == "!" || character == "?" || character == ";" {
                    var next = index + 1
                    while next < characters.count, characters[next] == " " { next += 1 }
                    if next == characters.count || (next > index + 1 && (characters[next].isUppercase || character != ".")) {
                        sentences.append(current)
                        current = ""
                    }
                }
                index += 1
            }
            if !current.trimmingSpaces.isEmpty { sentences.append(current) }
        }
        return sentences
    }

    /// Number of times `phrase` (normalised) starts at a word start in `normalized`.
    static func count(_ phrase: String, in normalized: String) -> Int {
        let needle = " " + phrase
        var count = 0
        var searchStart = normalized.startIndex
        while let range = normalized.range(of: needle, range: searchStart..<normalized.endIndex) {
            count += 1
            searchStart = range.upperBound
            if count >= 20 { break }
        }
        return count
    }
}

extension String {
    /// First range of `needle` at or after the start of `range` (plain scalar search, no Foundation).
    func range(of needle: String, range: Range<String.Index>) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        let haystack = self[range]
        var index = haystack.startIndex
        let first = needle[needle.startIndex]
        while let found = haystack[index...].firstIndex(of: first) {
            if haystack[found...].hasPrefix(needle) {
                return found..<self.index(found, offsetBy: needle.count)
            }
            index = haystack.index(after: found)
        }
        return nil
    }
}
