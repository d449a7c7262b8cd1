/// The server's final answer to a message it was given (`250 2.0.0 Ok: queued as 4F2C1…`).
public struct SMTPReply: Sendable, Hashable {
    /// The three-digit reply code.
    public let code: Int
    /// The whole reply line as the server wrote it.
    public let text: String

    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }

    /// The reply code at the start of `line` (`250`, `451`, `550` …), or nil.
    public static func code(of line: String) -> Int? {
        let digits = line.utf8.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}
