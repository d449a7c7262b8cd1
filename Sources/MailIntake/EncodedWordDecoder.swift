/// Decodes RFC 2047 encoded words (`=?charset?B?…?=` and `=?charset?Q?…?=`) in header text.
///
/// Whitespace between two adjacent encoded words is dropped; a malformed word is left as written;
/// an unknown charset is decoded as UTF-8 / Windows-1252 and named in `unknownCharsets`.
public enum EncodedWordDecoder {
    /// The decoded text and the charsets that were not recognised.
    public static func decode(_ text: String) -> (text: String, unknownCharsets: [String]) {
        // ASCII text (most header values) is searched byte by byte; other text as before.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            guard text.utf8.containsBytes(of: "=?") else { return (text, []) }
        } else {
            guard text.contains("=?") else { return (text, []) }
        }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var unknown: [String] = []
        var pendingWhitespace = String.UnicodeScalarView()
        var previousWasWord = false
        var index = 0
        while index < scalars.count {
            if scalars[index] == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
               let (decoded, end, charset, known) = word(in: scalars, at: index) {
                if !previousWasWord { output.appendEach(pendingWhitespace) }
                pendingWhitespace = String.UnicodeScalarView()
                output.appendEach(decoded.unicodeScalars)
                if !known && !unknown.contains(charset) { unknown.append(charset) }
                previousWasWord = true
                index = end
                continue
            }
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pendingWhitespace.append(scalar)
            } else {
                output.appendEach(pendingWhitespace)
                pendingWhitespace = String.UnicodeScalarView()
                output.append(scalar)
                previousWasWord = false
            }
            index += 1
        }
        output.appendEach(pendingWhitespace)
        return (String(output), unknown)
    }

    /// One encoded word starting at `start`: decoded text, index after it, charset and whether it is known.
    private static func word(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int, String, Bool)? {
        var index = start + 2
        var charset = ""
        while index < scalars.count, scalars[index] != "?" {
            guard charset.unicodeScalars.count < 64, scalars[index].value > 0x20, scalars[index].value < 0x7F else { return nil }
            charset.unicodeScalars.append(scalars[index]); index += 1
        }
        guard index + 2 < scalars.count, !charset.isEmpty, scalars[index + 2] == "?" else { return nil }
        let encoding = scalars[index + 1]
        guard encoding == "B" || encoding == "b" || encoding == "Q" || encoding == "q" else { return nil }
        index += 3
        var payload: [UInt8] = []
        while index + 1 < scalars.count, !(scalars[index] == "?" && scalars[index + 1] == "=") {
            // Real encoded words are at most 75 characters; a generous cap keeps scanning linear.
            guard payload.count < 1024 else { return nil }
            let value = scalars[index].value
            guard value > 0x20, value < 0x7F else { return nil }   // encoded words hold no spaces
            payload.append(UInt8(value))
            index += 1
        }
        guard index + 1 < scalars.count else { return nil }
        let bytes = (encoding == "B" || encoding == "b")
            ? TransferDecoding.base64(payload)
            : TransferDecoding.quotedPrintable(payload, underscoreIsSpace: true)
        let (text, known) = CharsetDecoder.decode(bytes, charset: charset)
        return (text, index + 2, charset, known)
    }
}
