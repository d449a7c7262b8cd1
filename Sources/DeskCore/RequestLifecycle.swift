import Foundation

/// The request lifecycle as a pure state machine (SPEC §3): it decides, the caller persists.
public struct RequestLifecycle: Sendable, Hashable {
    public private(set) var snapshot: RequestSnapshot

    /// Starts from a snapshot of a stored request.
    public init(_ snapshot: RequestSnapshot) {
        self.snapshot = snapshot
    }

    /// Applies an action on `today` (the local date in the policy's zone) and returns what changed,
    /// or throws a `LifecycleError` and leaves the snapshot as it was.
    public mutating func apply(_ action: LifecycleAction, today: LocalDate) throws(LifecycleError) -> LifecycleOutcome {
        switch action {
        case .event(let event, let ground, let note, let retention):
            return try apply(event, ground: ground, note: note, retention: retention)
        case .extend(let period, let reason, let decidedBy):
            return try extend(by: period, reason: reason, decidedBy: decidedBy, today: today)
        }
    }

    /// Records evidence after checking it is valid and the request is open.
    public mutating func record(_ evidence: Evidence) throws(LifecycleError) {
        let current = snapshot
        guard !current.state.isClosed else {
            throw refusal(.closedToEvidence)
        }
        do {
            try evidence.validate(directMarketing: current.directMarketing, consentWithdrawal: current.consentWithdrawal)
        } catch {
            throw refusal(.evidenceInvalid(error))
        }
        snapshot.evidence.append(evidence.kind)
        if case .decision(let decision) = evidence, decision.retentionGround != nil { snapshot.retentionGroundRecorded = true }
    }

    private mutating func apply(
        _ event: LifecycleEvent, ground: RefusalGround?, note: String?, retention: RetentionObligation?
    ) throws(LifecycleError) -> LifecycleOutcome {
        let current = snapshot
        guard let target = TransitionTable.target(from: current.state, event: event, right: current.right) else {
            throw refusal(.eventNotAllowed(event))
        }
        var resolvedGround = ground
        switch event {
        case .identityFailed:
            if let ground, ground != .identityNotVerified {
                throw refusal(.identityFailureGround(ground))
            }
            resolvedGround = .identityNotVerified
        case .closeRefused:
            try requireGround(ground, note: note, retention: retention, closing: event)
        case .closePartiallyFulfilled:
            try requireGate()
            try requireGround(ground, note: note, retention: retention, closing: event)
        case .closeFulfilled:
            try requireGate()
        case .lift:
            guard current.liftNoticeSent else {
                throw refusal(.liftBeforeNotice)
            }
        case .identityRequest, .start, .identityVerified, .clarify, .resume, .withdraw:
            break
        }
        snapshot.state = target
        return LifecycleOutcome(from: current.state, to: target, event: event, ground: resolvedGround, note: note,
                                extendedBy: current.extendedBy, dueOn: current.dueOn,
                                clock: clockEffect(from: current.state, to: target))
    }

    private mutating func extend(
        by period: Period, reason: String, decidedBy: String?, today: LocalDate
    ) throws(LifecycleError) -> LifecycleOutcome {
        let current = snapshot
        guard !current.state.isClosed else {
            throw refusal(.closedToExtension)
        }
        guard !EvidenceValidation.isBlank(reason) else {
            throw refusal(.extensionWithoutReason)
        }
        if current.policy == "uz-state" && EvidenceValidation.isBlank(decidedBy) {
            // ZRU-445: the head of the state body (or a deputy) decides to extend the term (issue 14 item 4).
            throw refusal(.extensionWithoutDecider)
        }
        let context = current.deadline
        let due: LocalDate
        do {
            due = try DeadlineEngine.extendedDueDate(
                requested: period, alreadyGranted: current.extendedBy, receivedAt: context.receivedAt, rule: context.rule,
                timeZone: context.timeZone, calendar: context.calendar, pausedDays: context.pausedDays,
                informationAt: context.informationAt, today: today)
        } catch {
            throw refusal(.extensionRefused(error))
        }
        let total = current.extendedBy.map { Period($0.count + period.count, period.unit) } ?? period
        snapshot.extendedBy = total
        return LifecycleOutcome(from: current.state, to: current.state, event: nil, ground: nil, note: reason,
                                extendedBy: total, dueOn: due, clock: .unchanged)
    }

    private func requireGate() throws(LifecycleError) {
        var missing = Gate.check(right: snapshot.right, evidence: snapshot.evidence)
        if snapshot.right == .objection, snapshot.consentWithdrawal,
            let withdrawal = Gate.withdrawalMissing(evidence: snapshot.evidence, retentionGroundRecorded: snapshot.retentionGroundRecorded) {
            missing.append(withdrawal)
        }
        if !missing.isEmpty { throw refusal(.gateNotMet(right: snapshot.right, missing: missing)) }
    }

    private func requireGround(
        _ ground: RefusalGround?, note: String?, retention: RetentionObligation?, closing event: LifecycleEvent
    ) throws(LifecycleError) {
        guard let ground else {
            let grounds = RefusalGround.allCases.filter { $0.refusal(underPolicy: snapshot.policy) == nil }
            throw refusal(.groundMissing(event, allowed: grounds))
        }
        if let notProvided = ground.refusal(underPolicy: snapshot.policy) {
            throw refusal(.groundNotProvided(notProvided))
        }
        if ground.requiresText && EvidenceValidation.isBlank(note) {
            throw refusal(.groundNeedsNote(ground))
        }
        if ground == .legalObligationToRetain {
            guard let retention, !EvidenceValidation.isBlank(retention.law), !EvidenceValidation.isBlank(retention.period) else {
                throw refusal(.retentionMissing)
            }
        }
    }

    private func clockEffect(from: RequestState, to: RequestState) -> ClockEffect {
        // A wait on the requester pauses the clock unless the law lets the term run (152-FZ):
        // under `.restarts` the wait is recorded so that the term can count from its end.
        let rule = snapshot.deadline.rule
        let pausing: (RequestState) -> Bool = { state in
            (state == .awaitingRequester && rule.clarificationClock != .runs)
                || (state == .awaitingIdentity && rule.identityPausesClock)
        }
        switch (pausing(from), pausing(to)) {
        case (false, true): return .pause
        case (true, false): return .resume
        default: return .unchanged
        }
    }

    /// An error naming the current state and the events allowed from there.
    private func refusal(_ reason: LifecycleError.Reason) -> LifecycleError {
        let state = snapshot.state
        return LifecycleError(reason, state: state, allowedEvents: TransitionTable.allowedEvents(from: state, right: snapshot.right))
    }
}
