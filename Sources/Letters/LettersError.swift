/// What can go wrong while loading templates or rendering a letter.
public struct LettersError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case templatesDirectoryMissing
        case templateMissing
        case templateInvalid
        case subjectLineMissing
    }

    private let code: Code
    /// The template (`uz/acknowledgement`) or directory concerned; never personal data.
    public let item: String

    public static func templatesDirectoryMissing(_ path: String) -> LettersError { .init(code: .templatesDirectoryMissing, item: path) }
    public static func templateMissing(_ name: String) -> LettersError { .init(code: .templateMissing, item: name) }
    public static func templateInvalid(_ name: String) -> LettersError { .init(code: .templateInvalid, item: name) }
    public static func subjectLineMissing(_ name: String) -> LettersError { .init(code: .subjectLineMissing, item: name) }

    public var description: String {
        switch code {
        case .templatesDirectoryMissing: return "The templates directory \(item) does not exist; point the desk at the project's Templates/ folder."
        case .templateMissing: return "The letter template \(item).mustache is missing; add it to Templates/."
        case .templateInvalid: return "The letter template \(item).mustache is not valid Mustache; fix its tags."
        case .subjectLineMissing: return "The letter template \(item).mustache must start with a 'Subject: ' line."
        }
    }
}
