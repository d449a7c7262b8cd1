public import Letters

extension DeskFailure {
    /// A template missing or broken is a fault of the installation, not of the user's input (exit 1).
    public init(letters error: LettersError) {
        self.init(message: error.description, exitCode: Self.unexpected)
    }
}
