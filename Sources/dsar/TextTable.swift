/// A plain aligned table for people: columns padded to their widest cell, one space apart.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Optional per-row colour, applied after padding so alignment is kept.
    var rowColours: [Terminal.Colour?] = []

    init(headers: [String]) { self.headers = headers }

    mutating func append(_ row: [String], colour: Terminal.Colour? = nil) {
        rows.append(row)
        rowColours.append(colour)
    }

    /// Truncates `text` to `width` characters with an ellipsis.
    static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                parts.append(isLast ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count)))
            }
            return parts.joined(separator: "  ")
        }
        var output = [Terminal.paint(line(headers), .bold)]
        for (index, row) in rows.enumerated() {
            output.append(Terminal.paint(line(row), rowColours[index]))
        }
        return output.joined(separator: "\n")
    }
}
