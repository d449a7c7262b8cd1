/// Why the classifier would not create requests alone from a message that asks for a right: what
/// a triage item tells the DPO, so that "not sure" never stands next to a high percentage unexplained.
public enum ClassifierDoubt: Sendable, Hashable {
    /// The calibrated confidence in the primary right (0…1) is under the model's threshold.
    case belowThreshold(confidence: Double, threshold: Double)
    /// The message negates the right the model found most likely ("do not delete my account"):
    /// the next guess was never calibrated.
    case negated(Right)
    /// The model is confident, but the message's wording also names rights it did not pick.
    case wordingAlsoNames([Right])
}
