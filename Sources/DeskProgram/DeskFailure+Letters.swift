public import Letters

extension DeskFailure {
    /// A template missing or broken is a fault of the installation, not of the user's input (exit 1).
    public init(letters error: LettersError) {
        let sentence: String
        switch error {
        case .templatesDirectoryMissing(let path):
            sentence = "The templates directory \(path) does not exist; point the desk at the project's Templates/ folder."
        case .templateMissing(let name): sentence = "The letter template \(name).mustache is missing; add it to Templates/."
        case .templateInvalid(let name): sentence = "The letter template \(name).mustache is not valid Mustache; fix its tags."
        case .subjectLineMissing(let name): sentence = "The letter template \(name).mustache must start with a 'Subject: ' line."
        }
        self.init(message: sentence, exitCode: Self.unexpected)
    }
}
