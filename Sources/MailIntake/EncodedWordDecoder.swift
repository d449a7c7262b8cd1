/// Decodes RFC 2047 encoded words (`=?charset?B?…?=` and `=?charset?Q?…?=`) in header text.
///
/// Whitespace between two adjacent encoded words is dropped; a malformed word is left as written;
/// an unknown charset is decoded as UTF-8 / Windows-1252 and named in `unknownCharsets`.
///
/// Adjacent encoded words in the same charset are decoded as one run of bytes: RFC 2047 (§5)
/// wants every word to hold whole characters, but mailers and web forms that cut a long subject
/// every so many bytes split a UTF-8 (or Shift_JIS, GB18030 …) character between two words, and
/// decoding each word alone would turn both halves into replacement characters.
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
        // The bytes of the adjacent encoded words read so far that share one charset.
        var run: (charset: String, bytes: [UInt8])?
        func flush() {
            guard let pending = run else { return }
            let (decoded, known) = CharsetDecoder.decode(pending.bytes, charset: pending.charset)
            output.appendEach(decoded.unicodeScalars)
            if !known && !unknown.contains(pending.charset) { unknown.append(pending.charset) }
            run = nil
        }
        var index = 0
        while index < scalars.count {
            if scalars[index] == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
               let (bytes, end, charset) = word(in: scalars, at: index) {
                if previousWasWord, let pending = run,
                   CharsetDecoder.normalizedName(pending.charset) == CharsetDecoder.normalizedName(charset) {
                    run?.bytes.append(contentsOf: bytes)
                } else {
                    flush()
                    if !previousWasWord { output.appendEach(pendingWhitespace) }
                    run = (charset, bytes)
                }
                pendingWhitespace = String.UnicodeScalarView()
                previousWasWord = true
                index = end
                continue
            }
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pendingWhitespace.append(scalar)
            } else {
                flush()
                output.appendEach(pendingWhitespace)
                pendingWhitespace = String.UnicodeScalarView()
                output.append(scalar)
                previousWasWord = false
            }
            index += 1
        }
        flush()
        output.appendEach(pendingWhitespace)
        return (String(output), unknown)
    }

    /// One encoded word starting at `start`: its decoded bytes, the index after it and its charset.
    private static func word(in scalars: [Unicode.Scalar], at start: Int) -> ([UInt8], Int, String)? {
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
        return (bytes, index + 2, charset)
    }
}
