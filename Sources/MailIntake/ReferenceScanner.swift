/// Finds desk references such as `DSAR-2026-000123` in subjects and bodies.
public enum ReferenceScanner {
    /// Every reference in `text`, in order of appearance, without duplicates, normalised to
    /// `DSAR-YYYY-NNNNNN` (upper case, hyphens, number padded to six digits).
    ///
    /// Accepts `[dsar-2026-000123]`, `DSAR 2026 123`, `dsar_2026_000123`, `DSAR–2026–000123`.
    public static func references(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        var index = 0
        while index + 4 <= scalars.count {
            guard matchesDSAR(scalars, at: index),
                  index == 0 || !isAlphanumeric(scalars[index - 1]) else {
                index += 1
                continue
            }
            var cursor = index + 4
            guard skipSeparator(scalars, &cursor), let year = digits(scalars, &cursor, max: 4), year.count == 4,
                  skipSeparator(scalars, &cursor), let number = digits(scalars, &cursor, max: 8),
                  cursor == scalars.count || !isAlphanumeric(scalars[cursor]) else {
                index += 1
                continue
            }
            let padded = String(repeating: "0", count: max(0, 6 - number.count)) + number
            let reference = "DSAR-\(year)-\(padded)"
            if !found.contains(reference) { found.append(reference) }
            index = cursor
        }
        return found
    }

    static func matchesDSAR(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let expected: [Unicode.Scalar] = ["d", "s", "a", "r"]
        for offset in 0..<4 {
            let scalar = scalars[index + offset]
            let lower = scalar.value >= 0x41 && scalar.value <= 0x5A ? scalar.value + 32 : scalar.value
            if lower != expected[offset].value { return false }
        }
        return true
    }

    static func skipSeparator(_ scalars: [Unicode.Scalar], _ cursor: inout Int) -> Bool {
        guard cursor < scalars.count else { return false }
        let separators: Set<Unicode.Scalar> = ["-", "_", " ", "/", "\u{2013}", "\u{2014}", "\u{2011}", "#", "."]
        guard separators.contains(scalars[cursor]) else { return false }
        cursor += 1
        if cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        return true
    }

    static func digits(_ scalars: [Unicode.Scalar], _ cursor: inout Int, max: Int) -> String? {
        var result = ""
        while cursor < scalars.count, result.count < max, scalars[cursor].value >= 0x30, scalars[cursor].value <= 0x39 {
            result.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        return result.isEmpty ? nil : result
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || (scalar.value >= 0x30 && scalar.value <= 0x39)
    }
}
