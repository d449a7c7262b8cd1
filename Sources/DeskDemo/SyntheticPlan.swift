import DeskCore
import DeskStore
import Foundation

/// One event of a synthetic request's history, before it is chained into the audit log.
struct SyntheticStep {
    let atMs: Int64
    /// The event; nil for the `received` event, which the encoder builds once the ids are known.
    let event: AuditEvent?
    /// Index into the plan's evidence or letters, whose database ids the writer fills in.
    var evidenceIndex: Int? = nil
    var letterIndex: Int? = nil
}

/// The whole synthetic history of one request, as the lifecycle would have left it.
struct SyntheticPlan {
    let receivedMs: Int64
    let kind: Right
    let entryIndex: Int
    let language: Language
    let channel: Channel
    let name: String
    let email: String
    let originalDue: LocalDate
    var state: RequestState = .received
    var due: LocalDate
    var extendedBy: Period?
    var pausedSinceMs: Int64?
    var closedAtMs: Int64?
    var ground: RefusalGround?
    var assignee: String?
    var steps: [SyntheticStep] = []
    var pauses: [(reason: RequestState, start: Int64, end: Int64?)] = []
    var extensionMs: Int64?
    var clarificationMs: Int64?
    var evidence: [(kind: EvidenceKind, atMs: Int64)] = []
    var letters: [(kind: String, atMs: Int64)] = []

    /// Applies one lifecycle step: the clock, the due date recomputed from receipt, the audit event.
    /// `event` nil: an extension by `extendedBy`.
    mutating func transition(
        _ event: LifecycleEvent?, to: RequestState, at: Int64, clock: ClockEffect = .unchanged,
        ground: RefusalGround? = nil, extendedBy: Period? = nil, rule: DeadlineRule, entry: PolicyCatalog.Entry,
        nowMs: Int64
    ) {
        let from = state
        if clock == .pause {
            pauses.append((reason: to, start: at, end: nil))
            pausedSinceMs = at
        } else if pausedSinceMs != nil && !to.isAwaiting, let open = pauses.indices.last {
            pauses[open].end = at
            pausedSinceMs = nil
        }
        let completed: [(from: Date, to: Date?)] = pauses.compactMap { pause in
            guard let end = pause.end else { return nil }
            return (from: Self.date(pause.start), to: Self.date(end))
        }
        let paused = DeadlineEngine.pausedDays(pauses: completed, now: Self.date(nowMs), timeZone: entry.timeZone)
        let newDue = DeadlineEngine.dueDate(
            receivedAt: Self.date(receivedMs), rule: rule, timeZone: entry.timeZone, calendar: entry.calendar,
            pausedDays: paused, extension: extendedBy)
        steps.append(SyntheticStep(atMs: at, event: .transition(
            event, from: from, to: to, dueOn: newDue, previousDueOn: due, ground: ground, extendedBy: extendedBy,
            extendedTotal: extendedBy, clock: clock)))
        state = to
        due = newDue
    }

    mutating func record(_ kind: EvidenceKind, at: Int64) {
        evidence.append((kind: kind, atMs: at))
        steps.append(SyntheticStep(
            atMs: at, event: .evidenceRecorded(evidenceID: nil, kind: kind, state: state), evidenceIndex: evidence.count - 1))
    }

    mutating func letter(_ kind: String, at: Int64) {
        letters.append((kind: kind, atMs: at))
        steps.append(SyntheticStep(
            atMs: at, event: .letterProduced(letterID: nil, kind: kind, language: language, format: "text", state: state),
            letterIndex: letters.count - 1))
    }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1_000) }
}
