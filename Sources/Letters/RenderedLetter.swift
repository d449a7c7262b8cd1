public import DeskCore
import Foundation

/// A letter ready to store, print or send.
///
/// `text` is the body whose SHA-256 gives the verification code; append the code with
/// `appendingFooter(_:)` (see `LetterRenderer.footer(verificationCode:language:)`) only after hashing.
public struct RenderedLetter: Sendable, Hashable {
    public var subject: String
    /// Plain text, UTF-8, `\n` line endings, ending with one newline.
    public var text: String
    /// A complete, printable HTML page; every value from the context is escaped.
    public var html: String
    public var language: Language
    public var kind: LetterKind

    public init(subject: String, text: String, html: String, language: Language, kind: LetterKind) {
        self.subject = subject
        self.text = text
        self.html = html
        self.language = language
        self.kind = kind
    }

    /// The same letter with `line` (the verification footer) added to both text and HTML.
    ///
    /// With `qrURL` (the portal's verification page), the HTML page (and so the HTML part of an
    /// `.eml`) also carries that address as a QR code, a PNG image with the address as its text.
    public func appendingFooter(_ line: String, qrURL: String? = nil) -> RenderedLetter {
        var copy = self
        copy.text = text + "\n" + line + "\n"
        var paragraph = "<p class=\"verification\">\(HTMLPage.escape(line))</p>\n"
        if let qrURL, let code = try? QRCode(qrURL) {
            let png = Data(code.png(scale: 4)).base64EncodedString()
            paragraph += "<p class=\"verification-qr\"><img src=\"data:image/png;base64,\(png)\" width=\"\((code.size + 8) * 4)\" height=\"\((code.size + 8) * 4)\" alt=\"\(HTMLPage.escape(qrURL))\"></p>\n"
        }
        if let end = HTMLPage.bodyEnd(in: html) {
            copy.html.replaceSubrange(end..<end, with: paragraph)
        } else {
            copy.html += paragraph
        }
        return copy
    }
}
