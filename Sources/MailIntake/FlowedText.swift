/// RFC 3676 `format=flowed` text as the plain text it stands for.
///
/// A flowed line that ends in a space is soft: it continues on the next line of the same quote
/// depth. With `delsp=yes` (Apple Mail, some webmail) that space was added only to mark the break
/// and is removed, so a word the mailer cut ("уда␠⏎лить") is whole again instead of two words the
/// classifier cannot read. A leading space added to protect a line ("space-stuffing") is removed;
/// the signature separator "-- " stays a hard line. Quoted lines keep their ">" marks (one space
/// after them), so quoted text is still recognised as quoted.
enum FlowedText {
    static func unflowed(_ text: String, deletingSpace: Bool) -> String {
        var lines: [String] = []
        var paragraph: String?
        var paragraphDepth = 0
        func render(_ content: String, depth: Int) -> String {
            depth == 0 ? content : String(repeating: ">", count: depth) + " " + content
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine[...]
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }
            if let open = paragraph, depth != paragraphDepth {
                // A soft line followed by another quote depth ends there (RFC 3676 §4.5).
                lines.append(render(open, depth: paragraphDepth))
                paragraph = nil
            }
            let isSoft = line.last == " " && line != "-- "
            if isSoft && deletingSpace { line = line.dropLast() }
            // Appended in place (the paragraph is released first, so the string is not copied):
            // a body of a million one-character soft lines stays linear.
            var joined = paragraph ?? ""
            paragraph = nil
            joined.append(contentsOf: line)
            paragraphDepth = depth
            if isSoft {
                paragraph = joined
            } else {
                lines.append(render(joined, depth: depth))
            }
        }
        if let open = paragraph { lines.append(render(open, depth: paragraphDepth)) }
        return lines.joined(separator: "\n")
    }
}
