import DeskCore
import Foundation

/// Turns a rendered plain-text letter into a simple printable HTML page.
///
/// The HTML is built from the text after rendering, so every character of it — template
/// wording and requester values alike — passes through `escape`; nothing can inject markup.
enum HTMLPage {
    /// Escapes the five markup characters. Works on UTF-8 bytes: every one of them is ASCII, and
    /// a byte-wise pass also escapes one that a combining mark follows (`<` + U+0301 is a single
    /// `Character`, which a character-wise comparison with "<" would let through).
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == .ampersand || $0 == .lessThan || $0 == .greaterThan || $0 == .quote || $0 == .apostrophe })
        else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case .ampersand: out.append(contentsOf: "&amp;".utf8)
            case .lessThan: out.append(contentsOf: "&lt;".utf8)
            case .greaterThan: out.append(contentsOf: "&gt;".utf8)
            case .quote: out.append(contentsOf: "&quot;".utf8)
            case .apostrophe: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where the last `</body>` of `html` starts.
    static func bodyEnd(in html: String) -> String.Index? {
        let needle = Array("</body>".utf8)
        let utf8 = html.utf8
        var index = utf8.endIndex
        while index != utf8.startIndex {
            index = utf8.index(before: index)
            guard utf8[index] == needle[0] else { continue }
            if utf8[index...].starts(with: needle) { return index }
        }
        return nil
    }

    private static let style = """
        body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 12pt; line-height: 1.45; \
        max-width: 42em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
        ul { margin: 0.3em 0 0.8em 1.2em; padding: 0; }
        p.verification { margin-top: 2em; font-family: monospace; font-size: 10pt; }
        @media print { body { margin: 0; max-width: none; } }
        """

    static func page(subject: String, text: String, language: Language) -> String {
        var body = ""
        for paragraph in TextLines.paragraphs(text) {
            let lines = TextLines.lines(paragraph, omittingEmpty: true)
            guard !lines.isEmpty else { continue }
            if lines.allSatisfy({ $0.hasPrefix("- ") }) {
                body += "<ul>\n"
                for line in lines { body += "<li>\(escape(String(line.dropFirst(2))))</li>\n" }
                body += "</ul>\n"
            } else {
                body += "<p>" + lines.map { escape(String($0)) }.joined(separator: "<br>\n") + "</p>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(escape(subject))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}

extension UInt8 {
    fileprivate static let ampersand = UInt8(ascii: "&")
    fileprivate static let lessThan = UInt8(ascii: "<")
    fileprivate static let greaterThan = UInt8(ascii: ">")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let apostrophe = UInt8(ascii: "'")
}
