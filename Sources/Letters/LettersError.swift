/// What can go wrong while loading templates or rendering a letter: which template (`uz/acknowledgement`)
/// or directory, never personal data and never a sentence. The programs word them
/// (`DeskFailure+Letters.swift`, DeskProgram).
public enum LettersError: Error, Sendable, Hashable {
    /// The templates directory (its path) does not exist.
    case templatesDirectoryMissing(String)
    /// The template (`language/kind`) has no file.
    case templateMissing(String)
    /// The template's Mustache does not compile.
    case templateInvalid(String)
    /// The template does not start with a `Subject: ` line.
    case subjectLineMissing(String)
}
