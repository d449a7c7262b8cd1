import Foundation

/// The verification code printed under every letter (SPEC §6): derived from the SHA-256 of the
/// letter's text, so anyone holding the letter can ask the desk whether it is genuine.
///
/// The code is the first 60 bits of a digest in RFC 4648 base32 (`A–Z`, `2–7`), grouped
/// `XXXX-XXXX-XXXX`. Attempt 0 uses the letter's own digest; when the same text was already
/// produced (the same letter printed again as HTML), attempt n uses the digest of `"<hex>#n"`,
/// so every stored letter keeps a code of its own.
public enum VerificationCode {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let length = 12

    /// The code for a letter whose text has the SHA-256 `sha256Hex`.
    public static func code(sha256Hex: String, attempt: Int = 0) -> String {
        let source = attempt == 0 ? sha256Hex : "\(sha256Hex)#\(attempt)"
        let bytes = attempt == 0 ? bytes(fromHex: sha256Hex) ?? SHA256.digest(Array(source.utf8)) : SHA256.digest(Array(source.utf8))
        var characters: [Character] = []
        var buffer = 0
        var bits = 0
        for byte in bytes where characters.count < length {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 && characters.count < length {
                characters.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
            buffer &= (1 << bits) - 1
        }
        return grouped(String(characters))
    }

    /// A code as typed by a person (any case, with or without dashes or spaces) in its printed
    /// form, or nil when it cannot be one of ours (`0`, `1`, `8`, `9` are not base32).
    public static func normalised(_ typed: String) -> String? {
        let letters = typed.uppercased().filter { $0 != "-" && $0 != " " }
        guard letters.count == length, letters.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return grouped(letters)
    }

    /// Splits a letter's text into the body that was hashed and the code of its verification
    /// line (the last line that carries a code), or nil when the text has no such line.
    public static func split(letterText: String) -> (body: String, code: String)? {
        let text = letterText.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let index = lines.lastIndex(where: { codeIn($0) != nil }), let code = codeIn(lines[index]) else { return nil }
        // appendingFooter adds "\n" + line + "\n" after the body, which ends with "\n".
        let body = lines[..<index].joined(separator: "\n")
        return (body.hasSuffix("\n") ? body : body + "\n", code)
    }

    /// The first `XXXX-XXXX-XXXX` group of base32 characters in `line`.
    static func codeIn(_ line: String) -> String? {
        let characters = Array(line)
        guard characters.count >= 14 else { return nil }
        for start in 0...(characters.count - 14) {
            let candidate = characters[start..<(start + 14)]
            let ok = candidate.enumerated().allSatisfy { offset, c in
                offset == 4 || offset == 9 ? c == "-" : alphabet.contains(c)
            }
            let before = start > 0 ? characters[start - 1] : " "
            let after = start + 14 < characters.count ? characters[start + 14] : " "
            if ok && !alphabet.contains(before) && !alphabet.contains(after) && before != "-" && after != "-" {
                return String(candidate)
            }
        }
        return nil
    }

    static func grouped(_ letters: String) -> String {
        let characters = Array(letters)
        return [characters[0..<4], characters[4..<8], characters[8..<12]].map { String($0) }.joined(separator: "-")
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
