/// How long the desk has to answer one right under one policy (SPEC §4).
public struct DeadlineRule: Sendable, Hashable {
    public let right: Right
    public let period: Period
    public let countingStart: CountingStart
    /// Whether time spent waiting for proof of identity is added to the deadline.
    /// Time waiting for a clarification from the requester is governed by `clarificationClock`.
    public let identityPausesClock: Bool
    /// The longest extension the law allows, or nil when the period cannot be extended.
    public let maxExtension: Period?
    /// The legal citation that letters and reports quote, e.g. `ZRU-547 art. 11`.
    public let source: String
    /// Whether `source` sets the term (`statute`) or the organisation chose it (`deskPolicy`).
    public let basis: RuleBasis
    /// What waiting on the requester's clarification does to the term.
    public let clarificationClock: ClarificationClock
    /// Whether the law sets `maxExtension` or the desk chose a cap (uz-state: one month, stricter
    /// than ZRU-445); nil when there is no extension.
    public let extensionBasis: RuleBasis?

    /// Creates a rule.
    public init(
        right: Right,
        period: Period,
        countingStart: CountingStart = .nextDay,
        identityPausesClock: Bool,
        maxExtension: Period?,
        source: String,
        basis: RuleBasis = .statute,
        clarificationClock: ClarificationClock = .pauses,
        extensionBasis: RuleBasis? = nil
    ) {
        self.right = right
        self.period = period
        self.countingStart = countingStart
        self.identityPausesClock = identityPausesClock
        self.maxExtension = maxExtension
        self.source = source
        self.basis = basis
        self.clarificationClock = clarificationClock
        self.extensionBasis = maxExtension == nil ? nil : (extensionBasis ?? .statute)
    }
}
