import Foundation

/// Uzbek Latin → Uzbek Cyrillic, for letters whose `uz-Cyrl` template was not hand-written.
///
/// Rules (the 1995 Latin alphabet read back into Cyrillic):
/// - `sh`→ш, `ch`→ч, `oʻ`→ў, `gʻ`→ғ, `ng`→нг, `q`→қ, `h`→ҳ, `x`→х, `j`→ж, `y`→й.
/// - `ye yo yu ya` → е ё ю я word-initially, after a vowel and after the tutuq belgisi;
///   after a consonant `ya yo yu` are still я ё ю and `ye` is ъе (`subyekt`→субъект).
///   `yoʻ` is й + ў (`yoʻq`→йўқ, `Yoʻldosh`→Йўлдош), not ё.
/// - `e` is э word-initially and after a vowel, otherwise е.
/// - The tutuq belgisi ʼ between letters → ъ; an apostrophe that is not between letters is
///   punctuation and is kept.
/// - `ts` → ц (operatsion → операцион, identifikatsiya → идентификация), except where a verb
///   stem ending in t meets the suffix `-sa`/`-sin` (`ketsa`→кетса, `oʻtsin`→ўтсин).
/// - `ksiya` → кция (aksiya → акция, kolleksiya → коллекция).
/// - Month names keep the Russian soft sign: yanvar → январь … dekabr → декабрь.
/// - `sʼh` is с + ҳ: the apostrophe only keeps s and h apart (Isʼhoq → Исҳоқ).
/// - Any of ' ‘ ’ ` ʼ ʻ is accepted as the apostrophe; after o/g it is always the oʻ/gʻ sign.
/// - Case follows the first Latin letter of a digraph: Sh, SH → Ш; Oʻ → Ў.
/// - Mustache tags `{{…}}` / `{{{…}}}` are copied untouched.
public enum UzbekTransliterator {
    private static let apostrophes: Set<Character> = ["'", "\u{2018}", "\u{2019}", "`", "\u{02BC}", "\u{02BB}"]
    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    private static let single: [Character: String] = [
        "a": "а", "b": "б", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ",
        "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
        "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х",
        "y": "й", "z": "з",
    ]

    /// Loanword stems whose Cyrillic spelling cannot be derived letter by letter.
    private static let loanwordStems: [(latin: String, cyrillic: String)] = [
        ("funksiya", "функция"),
        ("konferensiya", "конференция"),
        ("litsenziya", "лицензия"),
        ("printsip", "принцип"),
        ("yanvar", "январь"),
        ("fevral", "февраль"),
        ("aprel", "апрель"),
        ("iyun", "июнь"),
        ("iyul", "июль"),
        ("sentabr", "сентябрь"),
        ("oktabr", "октябрь"),
        ("noyabr", "ноябрь"),
        ("dekabr", "декабрь"),
    ]

    /// Verb suffixes after a stem in t that keep `ts` as тс: ketsa, ketsam, ketsang, ketsak,
    /// ketsangiz, ketsalar, ketsin, ketsinlar.
    private static let tsSuffixes = ["sa", "sin"]

    /// Whether the `s` at `k` starts a verb suffix (`-sa…`, `-sin…`) rather than a loanword ц.
    private static func isVerbSuffix(_ chars: [Character], at k: Int) -> Bool {
        let rest = String(chars[k...].prefix { $0.isLetter }).lowercased()
        for suffix in tsSuffixes where rest.hasPrefix(suffix) {
            let after = rest.dropFirst(suffix.count)
            if after.isEmpty || ["m", "ng", "k", "ngiz", "lar", "nlar"].contains(String(after)) { return true }
            if suffix == "sin", after == "lar" { return true }
        }
        return false
    }

    private enum Previous { case boundary, vowel, consonant, sign }

    /// Transliterates a value a desk entered (organisation, address, DPO, evidence lines) for a
    /// uz-Cyrl letter: words with digits, dots, `@`, `/`, `_` or in capitals (file names, hashes,
    /// addresses, acronyms such as CRM or SMS) stay as written.
    public static func toCyrillicValue(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let letters = word.filter(\.isLetter)
            let keep = word.contains { $0.isNumber || ".@/_\\:".contains($0) }
                || (letters.count >= 2 && letters.allSatisfy { $0.isUppercase })
                || !letters.allSatisfy { $0.isASCII || apostrophes.contains($0) }
            out += keep ? word : toCyrillic(word)
            word = ""
        }
        for c in text {
            if c.isWhitespace || ",;()".contains(c) {
                flush()
                out.append(c)
            } else {
                word.append(c)
            }
        }
        flush()
        return out
    }

    /// Whether free text looks like Uzbek Latin and not another Latin-script language: it has an
    /// Uzbek letter (q, oʻ, gʻ, the tutuq belgisi) and no c outside ch, no w. Evidence lines
    /// written in English ("contact details") are then left alone instead of garbled.
    public static func looksUzbekLatin(_ text: String) -> Bool {
        // Acronyms (CRM, SMS) say nothing about the language.
        let words = text.split(whereSeparator: { $0.isWhitespace || ",;:()".contains($0) }).filter { word in
            let letters = word.filter(\.isLetter)
            return !(letters.count >= 2 && letters.allSatisfy { $0.isUppercase })
        }
        let chars = Array(words.joined(separator: " ").lowercased())
        var uzbek = false
        for (k, c) in chars.enumerated() {
            let next: Character? = k + 1 < chars.count ? chars[k + 1] : nil
            switch c {
            case "w": return false
            case "c" where next != "h": return false
            case "q": uzbek = true
            case "o", "g": if let next, apostrophes.contains(next) { uzbek = true }
            case _ where apostrophes.contains(c) && k > 0 && chars[k - 1].isLetter && (next?.isLetter ?? false): uzbek = true
            default: break
            }
        }
        return uzbek
    }

    /// Transliterates `text`, leaving Mustache tags as they are.
    public static func toCyrillic(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += transliterate(rest[rest.startIndex..<open.lowerBound])
            let tail = rest[open.lowerBound...]
            let closer = tail.hasPrefix("{{{") ? "}}}" : "}}"
            guard let close = tail.range(of: closer) else {
                result += tail
                return result
            }
            result += tail[tail.startIndex..<close.upperBound]
            rest = tail[close.upperBound...]
        }
        result += transliterate(rest)
        return result
    }

    private static func isLetter(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isLetter
    }

    private static func cased(_ cyrillic: String, like latin: Character) -> String {
        latin.isUppercase ? cyrillic.uppercased() : cyrillic
    }

    private static func transliterate<S: StringProtocol>(_ text: S) -> String {
        let chars = Array(text)
        var out = ""
        var previous = Previous.boundary
        var i = 0
        func lower(_ k: Int) -> Character? {
            guard k < chars.count else { return nil }
            return Character(chars[k].lowercased())
        }
        func isApostrophe(_ k: Int) -> Bool { k < chars.count && apostrophes.contains(chars[k]) }

        while i < chars.count {
            let c = chars[i]
            guard let l = lower(i), single[l] != nil else {
                if apostrophes.contains(c), i > 0, "sS".contains(chars[i - 1]), i + 1 < chars.count, "hH".contains(chars[i + 1]) {
                    // sʼh: the sign only keeps s and h apart (Isʼhoq → Исҳоқ).
                    previous = .consonant
                } else if apostrophes.contains(c), i > 0, isLetter(chars[i - 1]), isLetter(i + 1 < chars.count ? chars[i + 1] : nil) {
                    out += "ъ"
                    previous = .sign
                } else {
                    out.append(c)
                    previous = c.isLetter ? .consonant : .boundary
                }
                i += 1
                continue
            }
            // Loanword stems, at the start of a word only.
            if previous == .boundary {
                let word = String(chars[i...].prefix { $0.isLetter }).lowercased()
                if let stem = loanwordStems.first(where: { word.hasPrefix($0.latin) }) {
                    var cyr = stem.cyrillic
                    if c.isUppercase { cyr = cyr.prefix(1).uppercased() + cyr.dropFirst() }
                    out += cyr
                    i += stem.latin.count
                    previous = vowels.contains(stem.latin.last ?? "b") ? .vowel : .consonant
                    continue
                }
            }
            let n1 = lower(i + 1)
            let n2 = lower(i + 2)
            if (l == "o" || l == "g"), isApostrophe(i + 1) {
                out += cased(l == "o" ? "ў" : "ғ", like: c)
                previous = l == "o" ? .vowel : .consonant
                i += 2
                continue
            }
            if l == "s", n1 == "h" { out += cased("ш", like: c); previous = .consonant; i += 2; continue }
            if l == "c", n1 == "h" { out += cased("ч", like: c); previous = .consonant; i += 2; continue }
            if l == "t", n1 == "s", !isVerbSuffix(chars, at: i + 1) {
                out += cased("ц", like: c); previous = .consonant; i += 2; continue
            }
            if l == "k", n1 == "s", n2 == "i", lower(i + 3) == "y", lower(i + 4) == "a" {
                out += cased("кц", like: c); previous = .consonant; i += 2; continue
            }
            if l == "y", let n1, "eoua".contains(n1) {
                if n1 == "o", isApostrophe(i + 2) {
                    out += cased("й", like: c); previous = .consonant; i += 1; continue
                }
                let iotated: [Character: String] = ["e": "е", "o": "ё", "u": "ю", "a": "я"]
                var cyr = iotated[n1] ?? ""
                if previous == .consonant, n1 == "e" { cyr = "ъе" }
                // Case from the Y; an all-caps pair (YO) stays upper because Y is.
                out += c.isUppercase ? cyr.uppercased() : cyr
                previous = .vowel
                i += 2
                continue
            }
            if l == "e" {
                let cyr = (previous == .boundary || previous == .vowel) ? "э" : "е"
                out += cased(cyr, like: c)
                previous = .vowel
                i += 1
                continue
            }
            out += cased(single[l] ?? String(c), like: c)
            previous = vowels.contains(l) ? .vowel : .consonant
            i += 1
        }
        return out
    }
}
