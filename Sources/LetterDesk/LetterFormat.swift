/// How a letter is delivered: printable text, an HTML page, or a ready-to-send `.eml`.
public enum LetterFormat: String, CaseIterable, Sendable, Hashable {
    case text
    case html
    case eml
}
