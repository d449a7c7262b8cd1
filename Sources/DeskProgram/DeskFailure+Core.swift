public import DeskCore

extension DeskFailure {
    /// DeskCore's input and evidence checks are bad input (exit 2); its rules refuse (exit 4).
    public init(core error: DeskCoreError) {
        switch error.code {
        case .invalidInput, .invalidEvidence: self.init(message: error.message, exitCode: Self.badInput)
        case .refusedByRule: self.init(message: error.message, exitCode: Self.refused)
        default: self.init(message: error.message, exitCode: Self.unexpected)
        }
    }

    /// Every lifecycle error is a business rule refusing a step (exit 4).
    public init(lifecycle error: LifecycleError) {
        self.init(message: error.message, exitCode: Self.refused)
    }
}
