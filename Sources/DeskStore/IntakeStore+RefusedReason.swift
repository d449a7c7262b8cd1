import DeskCore

extension IntakeStore {
    /// The triage reason stored with a message whose requests a rule of the desk refused (a
    /// policy without a rule for the right): what `dsar inbox` shows a person deciding it.
    static func triageReason(_ error: StoreError) -> String {
        if error.code == .noDeadlineRule, let policy = error.policy, let right = error.right {
            return "The policy \(policy) has no deadline rule for \(right.rawValue); add one to policy_rules."
        }
        return "refused_by_rule: \(error)"
    }
}
