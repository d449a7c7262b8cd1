import Foundation

/// What the standard output is: a terminal gets colour and fitted widths, a pipe plain text.
enum Terminal {
    static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal and when `NO_COLOR` is unset (https://no-color.org).
    static var usesColour: Bool {
        isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// The terminal's width, else `COLUMNS`, else 80.
    static var width: Int {
        var size = winsize()
        if isInteractive, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), value > 0 { return value }
        return 80
    }

    enum Colour: String {
        case red = "\u{1B}[31m"
        case yellow = "\u{1B}[33m"
        case bold = "\u{1B}[1m"
        case dim = "\u{1B}[2m"
    }

    static func paint(_ text: String, _ colour: Colour?) -> String {
        guard let colour, usesColour else { return text }
        return colour.rawValue + text + "\u{1B}[0m"
    }
}
