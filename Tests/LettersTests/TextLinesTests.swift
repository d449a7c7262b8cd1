import Foundation
import Testing

@testable import Letters
import DeskCore

/// The byte-wise cuts of `TextLines` and `HTMLPage.escape` give what the `Character`-wise
/// versions they replaced gave.
struct TextLinesTests {
    static let samples = [
        "", "\n", "\n\n", "\n\n\n", "\n\n\n\n\n", "a", "a\n", "a\nb", "a\n\nb", "a\n\n\nb", "a\n\n\n\nb\n",
        "Hurmatli Дилноза,\n\n- first\n- second\n\nЎзбекистон\u{301}\n", "crlf\r\nline\r\n\r\nnext", "a\r\n\nb",
        "tail  \t\r", "space \u{301}\nx", "\u{1F469}\u{200D}\u{1F4BB}\n\n\u{1F1FA}\u{1F1FF}", "\r", "\r\r\n",
    ]

    @Test func linesCutAsSplitDoes() {
        for text in Self.samples {
            for omitting in [false, true] {
                let expected = text.split(separator: "\n", omittingEmptySubsequences: omitting).map(String.init)
                #expect(TextLines.lines(text[...], omittingEmpty: omitting).map(String.init) == expected, "\(text.debugDescription)")
            }
        }
    }

    @Test func paragraphsCutAsComponentsDoes() {
        for text in Self.samples {
            #expect(TextLines.paragraphs(text).map(String.init) == text.components(separatedBy: "\n\n"), "\(text.debugDescription)")
        }
    }

    @Test func trailingBlanksGoAsBefore() {
        for text in Self.samples + ["x \t \r", "  ", "a\u{301} "] {
            var expected = text
            while let last = expected.last, last == " " || last == "\t" || last == "\r" { expected.removeLast() }
            #expect(String(TextLines.trimmingTrailingBlanks(text[...])) == expected, "\(text.debugDescription)")
        }
    }

    @Test func escapeCoversMarkupEvenWithACombiningMark() {
        #expect(HTMLPage.escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;")
        #expect(HTMLPage.escape("Ўзбекистон") == "Ўзбекистон")
        #expect(HTMLPage.escape("<\u{301}script>") == "&lt;\u{301}script&gt;")
    }

    @Test func footerGoesBeforeTheLastBodyEnd() {
        let letter = RenderedLetter(subject: "S", text: "T\n", html: "<body>x</body>\n</body>\n", language: .english, kind: .acknowledgement)
        #expect(letter.appendingFooter("F").html == "<body>x</body>\n<p class=\"verification\">F</p>\n</body>\n")
    }
}
