import Foundation
import Testing
@testable import MailIntake

/// The byte-wise readings of headers and lines give exactly what the character-wise definitions give.
@Suite struct ByteFastPathTests {
    static func texts(_ pieces: [String], count: Int, length: Int) -> [String] {
        FastPathTests.texts(pieces, count: count, length: length)
    }

    /// What address and parameter headers are made of, ASCII only (the byte paths' domain).
    static let headerPieces = ["\"", "\\", "(", ")", "<", ">", ",", ";", ":", "@", " ", "  ", "\t", "\n", "=?", "?=",
                               "a", "Bob", "x.y", "=?utf-8?B?0JjQstCw0L0=?=", "\\\"", "=", "*", "'", "%41", "name"]

    @Test func trimmingBytesMatchesTrimmingCharacters() {
        var texts = Self.texts(FastPathTests.alphabet + [" ", "\t", "\r", "\n", "\r\n", " \u{301}", "\u{600} "], count: 600, length: 6)
        texts += ["", " ", "\r\n", " a ", " \u{301}a", "a \u{301}", "\u{600} ", " \r\n x \t", "é ", " é"]
        for text in texts {
            #expect(text.trimmingSpaces == text.characterTrimmingSpaces, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func addressEntriesCommentsAndNamesMatchTheCharacterReadings() {
        for text in Self.texts(Self.headerPieces, count: 1500, length: 12) {
            #expect(text.isPlainASCII)
            #expect(AddressParser.splitEntries(bytes: Array(text.utf8)) == AddressParser.splitEntriesByCharacters(text), "\(text)")
            let (bytesText, bytesComments) = AddressParser.withoutComments(bytes: Array(text.utf8))
            let (characterText, characterComments) = AddressParser.withoutComments(text)
            #expect(bytesText == characterText && bytesComments == characterComments, "\(text)")
            if !text.utf8.containsBytes(of: "=?") {
                #expect(AddressParser.cleanName(bytes: Array(text.utf8)) == AddressParser.cleanNameByCharacters(text), "\(text)")
            }
        }
    }

    @Test func contentTypePartsMatchTheCharacterReading() {
        for text in Self.texts(Self.headerPieces + ["text/plain", "charset=", "koi8-r"], count: 1000, length: 10) {
            #expect(HeaderParameters.parts(bytes: Array(text.utf8)) == HeaderParameters.parts(text), "\(text)")
        }
    }

    @Test func theUsualDateFormIsReadAsTheGeneralReadingReadsIt() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let weekdays = ["", "Mon, ", "Sun, ", "Fri,", "Tue "]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "jan", "Foo"]
        var read = 0
        for _ in 0..<3000 {
            let day = next(2) == 0 ? String(next(33)) : String(format: "%02d", next(33))
            let time = String(format: "%02d:%02d", next(25), next(61)) + (next(2) == 0 ? "" : String(format: ":%02d", next(62)))
            let zone = (next(2) == 0 ? "+" : "-") + String(format: "%04d", next(1500))
            let year = [String(1899 + next(305)), "26", "2026"][next(3)]
            let value = "\(weekdays[next(weekdays.count)])\(day) \(months[next(months.count)]) \(year) \(time) \(zone)"
                + ["", "", " (UZT)", " "][next(4)]
            let general = MailDateParser.parseGeneral(value)
            if let standard = MailDateParser.parseStandard(value) {
                read += 1
                #expect(standard == general, "\(value)")
            }
            #expect(MailDateParser.parse(value) == general, "\(value)")
        }
        #expect(read > 300)  // the usual form is read by the byte path often enough to mean something
    }

    @Test func linesSplitByBytesAsByCharacters() {
        for text in Self.texts(FastPathTests.alphabet + ["\n", "\n\n", "\r", "\r\n", "> ", "\n\u{301}"], count: 400, length: 30) {
            let characterLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(QuotedTextStripper.lines(text) == characterLines)
        }
    }

    @Test func tablesDecodeStraightToUTF8AsThroughUTF16() {
        let bytes = (0...255).map(UInt8.init) + Array("Прошу удалить".utf8.prefix(7))
        let tables = [CharsetTables.windows1251, CharsetTables.koi8R, CharsetTables.koi8U, CharsetTables.iso8859_5,
                      CharsetTables.windows1252, CharsetTables.iso8859_15, CharsetTables.iso8859_2, CharsetTables.ibm866,
                      CharsetTables.windows1250]
        for table in tables {
            let units = bytes.map { $0 < 0x80 ? UInt16($0) : table[Int($0) - 0x80] }
            #expect(CharsetDecoder.utf8(bytes, table: table) == String(decoding: units, as: UTF16.self))
        }
        #expect(CharsetDecoder.utf8([0x80, 0x41], table: [0xD800] + Array(repeating: 0x41, count: 127)) == nil)
        #expect(CharsetDecoder.decode([0x80, 0x41], table: [0xD800] + Array(repeating: 0x41, count: 127)) == "\u{FFFD}A")
        #expect(CharsetDecoder.decodeLatin1(bytes) == String(decoding: bytes.map(UInt16.init), as: UTF16.self))
    }

    @Test func charsetNamesAreNormalisedAsByCharacters() {
        for name in ["UTF-8", "utf_8", "\"Windows-1251\"", "ISO-8859-1*ru", "KOI8 R", "x-mac-cyrillic", "US-ASCII", "*", ""] {
            var expected = name.lowercased()
            if let star = expected.firstIndex(of: "*") { expected = String(expected[..<star]) }
            expected = String(expected.filter { $0 != "-" && $0 != "_" && $0 != " " && $0 != "\"" })
            #expect(CharsetDecoder.normalizedName(name) == expected)
        }
    }

    @Test func mojibakeMarkersAreAllWrittenWithTheByteC3() {
        #expect(MojibakeRepair.markers.allSatisfy { (0xC0...0xFF).contains($0.value) })
    }
}
