public import DeskCore

/// What the hand-written vocabulary (`IntakeVocabulary`) finds in a message: a score per right,
/// and the three things a rule decides better than a weight (consent withdrawal, direct
/// marketing, a right only ever negated). The learned model reads the scores as features.
public struct VocabularyScores: Sendable, Hashable {
    /// Weighted phrase hits per right (operative sentences ×3, citations ×0.3, subject ×2).
    public let scores: [Right: Double]
    /// The order in which rights were first found.
    public let firstSeen: [Right: Int]
    /// Rights whose every mention was negated ("do not delete", "не удаляйте", "oʻchirmang").
    public let negated: Set<Right>
    /// A phrase withdrawing consent was found.
    public let consentWithdrawal: Bool
    /// A phrase about direct marketing was found.
    public let directMarketing: Bool
}
