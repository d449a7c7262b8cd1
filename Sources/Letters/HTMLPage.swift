import DeskCore
import Foundation

/// Turns a rendered plain-text letter into a simple printable HTML page.
///
/// The HTML is built from the text after rendering, so every character of it — template
/// wording and requester values alike — passes through `escape`; nothing can inject markup.
enum HTMLPage {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
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
        let paragraphs = text.components(separatedBy: "\n\n")
        for paragraph in paragraphs {
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard !lines.isEmpty else { continue }
            if lines.allSatisfy({ $0.hasPrefix("- ") }) {
                body += "<ul>\n"
                for line in lines { body += "<li>\(escape(String(line.dropFirst(2))))</li>\n" }
                body += "</ul>\n"
            } else {
                body += "<p>" + lines.map(escape).joined(separator: "<br>\n") + "</p>\n"
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
