import DeskCore
import DeskStore
import Foundation
import Letters

/// One event of a synthetic request's history, before it is chained into the audit log.
struct SyntheticStep {
    let atMs: Int64
    /// The event; nil for the `received` event, which the encoder builds once the ids are known.
    let event: AuditEvent?
    /// Index into the plan's evidence or letters, whose database ids the writer fills in.
    var evidenceIndex: Int? = nil
    var letterIndex: Int? = nil
}

/// The whole synthetic history of one request, as the lifecycle left it.
///
/// Every step goes through `RequestLifecycle` (the transition table, the gates, the grounds a
/// closure needs, the clock effect of each state) and is then persisted the way
/// `RequestStore.apply` persists an outcome: a pause opened or closed, the due date recomputed
/// from receipt, the audit event. A step the lifecycle refuses is a bug of the planner and stops
/// the run.
struct SyntheticPlan {
    let receivedMs: Int64
    let kind: Right
    let entryIndex: Int
    let language: Language
    let channel: Channel
    let name: String
    let email: String
    let originalDue: LocalDate
    let nowMs: Int64
    /// What the lifecycle knows of the request: state, evidence, extension, deadline context.
    private(set) var snapshot: RequestSnapshot
    private(set) var due: LocalDate
    private(set) var pausedSinceMs: Int64?
    private(set) var closedAtMs: Int64?
    private(set) var ground: RefusalGround?
    private(set) var closeNote: String?
    /// The law and period of a refusal on `legal_obligation_to_retain` (`refusal_retentions`).
    private(set) var retention: RetentionObligation?
    var assignee: String?
    var steps: [SyntheticStep] = []
    private(set) var pauses: [(reason: RequestState, start: Int64, end: Int64?)] = []
    private(set) var extensionMs: Int64?
    private(set) var extensionReason: String?
    private(set) var extensionDecidedBy: String?
    var clarificationMs: Int64?
    private(set) var evidence: [(kind: EvidenceKind, atMs: Int64)] = []
    private(set) var letters: [(kind: String, atMs: Int64)] = []

    var state: RequestState { snapshot.state }
    var extendedBy: Period? { snapshot.extendedBy }

    init(
        receivedMs: Int64, kind: Right, entryIndex: Int, entry: PolicyCatalog.Entry, rule: DeadlineRule, language: Language,
        channel: Channel, name: String, email: String, nowMs: Int64
    ) {
        self.receivedMs = receivedMs
        self.kind = kind
        self.entryIndex = entryIndex
        self.language = language
        self.channel = channel
        self.name = name
        self.email = email
        self.nowMs = nowMs
        let deadline = DeadlineContext(
            receivedAt: Self.date(receivedMs), rule: rule, timeZone: entry.timeZone, calendar: entry.calendar)
        snapshot = RequestSnapshot(right: kind, state: .received, policy: entry.policy.code, deadline: deadline)
        originalDue = deadline.dueDate(extension: nil)
        due = originalDue
        steps.append(SyntheticStep(atMs: receivedMs, event: nil))
    }

    /// The local date of an instant under the request's policy.
    func localDate(_ ms: Int64) -> LocalDate { LocalDate(Self.date(ms), in: snapshot.deadline.timeZone) }

    /// Applies one action through the lifecycle at `at`, then records what `RequestStore.apply`
    /// records: the clock, the due date recomputed from receipt, the closure, the audit event.
    mutating func apply(_ action: LifecycleAction, at: Int64) throws(LifecycleError) {
        var lifecycle = RequestLifecycle(snapshot)
        let outcome = try lifecycle.apply(action, today: localDate(at))
        snapshot = lifecycle.snapshot
        if outcome.clock == .pause {
            pauses.append((reason: outcome.to, start: at, end: nil))
            pausedSinceMs = at
        } else if pausedSinceMs != nil && !outcome.to.isAwaiting, let open = pauses.indices.last {
            pauses[open].end = at
            pausedSinceMs = nil
        }
        let completed: [(from: Date, to: Date?)] = pauses.compactMap { pause in
            guard let end = pause.end else { return nil }
            return (from: Self.date(pause.start), to: Self.date(end))
        }
        let old = snapshot.deadline
        snapshot.deadline = DeadlineContext(
            receivedAt: old.receivedAt, rule: old.rule, timeZone: old.timeZone, calendar: old.calendar,
            pausedDays: DeadlineEngine.pausedDays(pauses: completed, now: Self.date(nowMs), timeZone: old.timeZone),
            informationAt: completed.compactMap(\.to).max())
        let extendedTotal = outcome.extendedBy ?? snapshot.extendedBy
        let newDue = snapshot.deadline.dueDate(extension: extendedTotal)
        var extensionPeriod: Period?
        if case .extend(let period, let reason, let decidedBy) = action {
            extensionPeriod = period
            extensionMs = at
            extensionReason = reason
            extensionDecidedBy = decidedBy
        }
        if outcome.to.isClosed {
            closedAtMs = closedAtMs ?? at
            closeNote = outcome.note ?? closeNote
            if case .event(_, .legalObligationToRetain?, _, let obligation?) = action { retention = obligation }
        }
        ground = outcome.ground ?? ground
        steps.append(SyntheticStep(atMs: at, event: .transition(
            outcome.event, from: outcome.from, to: outcome.to, dueOn: newDue, previousDueOn: due, ground: outcome.ground,
            extendedBy: extensionPeriod, extendedTotal: extendedTotal, clock: outcome.clock)))
        due = newDue
    }

    /// Records evidence through the lifecycle (validated, on an open request).
    mutating func record(_ item: Evidence, at: Int64) throws(LifecycleError) {
        var lifecycle = RequestLifecycle(snapshot)
        try lifecycle.record(item)
        snapshot = lifecycle.snapshot
        evidence.append((kind: item.kind, atMs: at))
        steps.append(SyntheticStep(
            atMs: at, event: .evidenceRecorded(evidenceID: nil, kind: item.kind, state: state), evidenceIndex: evidence.count - 1))
    }

    mutating func letter(_ kind: LetterKind, at: Int64) {
        if kind == .restrictionLiftNotice { snapshot.liftNoticeSent = true }
        letters.append((kind: kind.rawValue, atMs: at))
        steps.append(SyntheticStep(
            atMs: at, event: .letterProduced(letterID: nil, kind: kind.rawValue, language: language, format: "text", state: state),
            letterIndex: letters.count - 1))
    }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1_000) }
}
