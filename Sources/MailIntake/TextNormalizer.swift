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
        fastSentences(text) ?? characterSentences(text)
    }

    /// `sentences` by `Character`: the definition, and the path for text the fast one cannot take.
    static func characterSentences(_ text: String) -> [String] {
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

    /// Number of times `needle` (a space then a normalised phrase, as UTF-8) occurs in `haystack`
    /// (a normalised text as UTF-8), i.e. the phrase starts at a word start; at most 20.
    static func count(_ needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard let first = needle.first, needle.count <= haystack.count else { return 0 }
        var count = 0
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count {
                    count += 1
                    if count >= 20 { break }
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
        return count
    }
}
