/// Line and paragraph cuts over UTF-8 bytes, with the results `split(separator: "\n")` and
/// `components(separatedBy: "\n\n")` give on `Character`s, at a fraction of the cost: a letter
/// is cut several times while it is rendered, and walking grapheme clusters dominated that.
///
/// A "\n" that ends "\r\n" is not a cut, as "\r\n" is one `Character`.
enum TextLines {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// `text` cut at every line break; empty lines left out when `omittingEmpty`.
    static func lines(_ text: Substring, omittingEmpty: Bool) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == newline && previous != carriageReturn {
                if !(omittingEmpty && start == index) { result.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        if !(omittingEmpty && start == utf8.endIndex) { result.append(text[start..<utf8.endIndex]) }
        return result
    }

    /// `text` cut at every blank line ("\n\n", left to right).
    static func paragraphs(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == newline, previous != carriageReturn, next != utf8.endIndex, utf8[next] == newline {
                result.append(text[start..<index])
                index = utf8.index(after: next)
                start = index
                previous = newline
            } else {
                previous = utf8[index]
                index = next
            }
        }
        result.append(text[start..<utf8.endIndex])
        return result
    }

    /// `line` without trailing spaces, tabs and carriage returns.
    static func trimmingTrailingBlanks(_ line: Substring) -> Substring {
        let utf8 = line.utf8
        var end = utf8.endIndex
        while end != utf8.startIndex {
            let before = utf8.index(before: end)
            let byte = utf8[before]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == carriageReturn else { break }
            end = before
        }
        return line[line.startIndex..<end]
    }
}
