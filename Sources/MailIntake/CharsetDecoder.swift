/// Turns bytes in a declared MIME charset into text, never failing.
///
/// UTF-8, US-ASCII, UTF-16 (LE/BE/BOM) and the 8-bit charsets of `CharsetTables` are decoded by
/// this file alone (the fast path); every other charset the C library's iconv knows goes through
/// `IconvConverter` (GB18030 for GB2312/GBK, Big5, Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR,
/// windows-125x, mac-cyrillic …). A charset nobody knows is read as UTF-8, invalid bytes becoming
/// U+FFFD — never guessed as another charset — and reported (`known` false) so that the caller
/// can say so. Undeclared or US-ASCII text with 8-bit bytes is still guessed (old mailers send
/// Windows-1251 or KOI8-R without a label).
public enum CharsetDecoder {
    /// The decoded text and whether the charset was one we know.
    public static func decode(_ bytes: [UInt8], charset: String?) -> (text: String, known: Bool) {
        let name = normalizedName(charset ?? "us-ascii")
        switch name {
        case "utf8", "usascii", "ascii", "ansix3.41968", "us", "":
            return (decodeUTF8OrFallback(bytes), true)
        case "utf16": return (decodeUTF16(bytes, bigEndianDefault: true), true)
        case "utf16be", "unicodefffe": return (decodeUTF16(bytes, bigEndianDefault: true, forced: true), true)
        case "utf16le", "unicode": return (decodeUTF16(bytes, bigEndianDefault: false, forced: true), true)
        case "iso88591", "latin1", "l1", "iso885911987", "cp819":
            return (decodeLatin1(bytes), true)
        default:
            if let table = table(for: name) { return (decode(bytes, table: table), true) }
            if let converter = IconvConverter(from: iconvName(name, declared: charset ?? "")) {
                return (converter.convert(bytes), true)
            }
            return (String(decoding: bytes, as: UTF8.self), false)
        }
    }

    /// The name iconv knows a charset by: the supersets mail really uses for the Chinese, Japanese
    /// and Korean labels (text labelled GB2312 is often GBK; Shift_JIS is Windows' CP932), the
    /// `x-` names of mailers, else the declared name itself.
    static func iconvName(_ normalized: String, declared: String) -> String {
        switch normalized {
        case "gb2312", "gbk", "xgbk", "cp936", "euccn", "xeuccn", "csgb2312", "chinese", "gb18030": "GB18030"
        case "big5", "xbig5", "csbig5", "cnbig5": "BIG5"
        case "big5hkscs": "BIG5-HKSCS"
        case "shiftjis", "sjis", "xsjis", "mskanji", "csshiftjis", "windows31j", "cp932": "CP932"
        case "eucjp", "xeucjp", "cseucpkdfmtjapanese": "EUC-JP"
        case "iso2022jp", "csiso2022jp": "ISO-2022-JP"
        case "euckr", "cseuckr", "ksc56011987", "ksc5601", "cp949", "uhc", "windows949": "CP949"
        case "xmaccyrillic", "maccyrillic": "MAC-CYRILLIC"
        case "xmacukrainian", "macukrainian": "MAC-UK"
        default:
            String(declared.trimmingSpaces.filter { $0 != "\"" }.prefix { $0 != "*" })
        }
    }

    /// Whether `charset` names a charset this decoder knows.
    public static func isKnown(_ charset: String) -> Bool {
        decode([], charset: charset).known
    }

    static func normalizedName(_ charset: String) -> String {
        if charset.isPlainASCII {
            // ASCII: the same lower-casing, cut and filter, byte by byte.
            var name: [UInt8] = []
            for var byte in charset.utf8 {
                if byte == 0x2A { break }  // *
                if byte == 0x2D || byte == 0x5F || byte == 0x20 || byte == 0x22 { continue }  // - _ space "
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                name.append(byte)
            }
            return String(decoding: name, as: UTF8.self)
        }
        var name = charset.lowercased()
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }  // RFC 2231 language
        return String(name.filter { $0 != "-" && $0 != "_" && $0 != " " && $0 != "\"" })
    }

    static func table(for name: String) -> [UInt16]? {
        switch name {
        case "windows1251", "cp1251", "xcp1251": CharsetTables.windows1251
        case "koi8r", "koi8": CharsetTables.koi8R
        case "koi8u", "koi8ru": CharsetTables.koi8U
        case "iso88595", "cyrillic": CharsetTables.iso8859_5
        case "windows1252", "cp1252": CharsetTables.windows1252
        case "iso885915", "latin9", "latin0": CharsetTables.iso8859_15
        case "iso88592", "latin2": CharsetTables.iso8859_2
        case "ibm866", "cp866", "866": CharsetTables.ibm866
        case "windows1250", "cp1250": CharsetTables.windows1250
        default: nil
        }
    }

    static func decode(_ bytes: [UInt8], table: [UInt16]) -> String {
        // Straight to UTF-8 when no byte maps to a surrogate (none of the tables has one), which
        // decoding the UTF-16 units would repair or pair.
        if let text = utf8(bytes, table: table) { return text }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count)
        for byte in bytes {
            units.append(byte < 0x80 ? UInt16(byte) : table[Int(byte) - 0x80])
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// ISO-8859-1: each byte is the scalar of the same value.
    static func decodeLatin1(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            var count = 0
            for byte in bytes {
                if byte < 0x80 {
                    output[count] = byte
                    count += 1
                } else {
                    output[count] = 0xC0 | byte >> 6
                    output[count + 1] = 0x80 | byte & 0x3F
                    count += 2
                }
            }
            return count
        }
    }

    /// `bytes` through an 8-bit table as UTF-8; nil when a byte maps to a surrogate.
    static func utf8(_ bytes: [UInt8], table: [UInt16]) -> String? {
        var clean = true
        let text = String(unsafeUninitializedCapacity: bytes.count * 3) { output in
            var count = 0
            for byte in bytes {
                guard byte >= 0x80 else {
                    output[count] = byte
                    count += 1
                    continue
                }
                let unit = table[Int(byte) - 0x80]
                if unit < 0x80 {
                    output[count] = UInt8(unit)
                    count += 1
                } else if unit < 0x800 {
                    output[count] = UInt8(0xC0 | unit >> 6)
                    output[count + 1] = UInt8(0x80 | unit & 0x3F)
                    count += 2
                } else if unit >= 0xD800 && unit <= 0xDFFF {
                    clean = false
                    return 0
                } else {
                    output[count] = UInt8(0xE0 | unit >> 12)
                    output[count + 1] = UInt8(0x80 | unit >> 6 & 0x3F)
                    output[count + 2] = UInt8(0x80 | unit & 0x3F)
                    count += 3
                }
            }
            return count
        }
        return clean ? text : nil
    }

    /// UTF-8 when the bytes are valid UTF-8, else the legacy charset they most look like.
    static func decodeUTF8OrFallback(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Mostly valid UTF-8 with a few bad bytes (truncation): keep it UTF-8 with U+FFFD.
        let lossy = String(decoding: bytes, as: UTF8.self)
        let replacements = lossy.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        if replacements * 20 < max(lossy.unicodeScalars.count, 1) { return lossy }
        return decode(bytes, table: guessLegacyTable(bytes))
    }

    /// Undeclared 8-bit text: Cyrillic (Windows-1251 or KOI8-R) when most letters are high bytes,
    /// else Windows-1252. Lower-case Cyrillic sits at 0xE0–0xFF in Windows-1251 and 0xC0–0xDF in KOI8-R.
    static func guessLegacyTable(_ bytes: [UInt8]) -> [UInt16] {
        var asciiLetters = 0, upperHalf = 0, lowerHalf = 0
        for byte in bytes.prefix(64 * 1024) {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A: asciiLetters += 1
            case 0xC0...0xDF: lowerHalf += 1
            case 0xE0...0xFF: upperHalf += 1
            default: break
            }
        }
        let high = upperHalf + lowerHalf
        guard high > 0, high * 10 > (high + asciiLetters) * 3 else { return CharsetTables.windows1252 }
        return upperHalf >= lowerHalf ? CharsetTables.windows1251 : CharsetTables.koi8R
    }

    static func decodeUTF16(_ bytes: [UInt8], bigEndianDefault: Bool, forced: Bool = false) -> String {
        var bigEndian = bigEndianDefault
        var start = 0
        if bytes.count >= 2 {
            if bytes[0] == 0xFE && bytes[1] == 0xFF { bigEndian = true; start = 2 }
            else if bytes[0] == 0xFF && bytes[1] == 0xFE { bigEndian = false; start = 2 }
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = start
        while index + 1 < bytes.count {
            let high = UInt16(bytes[bigEndian ? index : index + 1])
            let low = UInt16(bytes[bigEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
