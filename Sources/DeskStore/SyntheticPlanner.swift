import DeskCore
import Foundation

/// Decides the history of each synthetic request: right, policy, language, channel and a path
/// through the lifecycle ending in a realistic state. Most requests are closed; those received in
/// the last weeks are mostly open, some overdue, paused or extended.
struct SyntheticPlanner {
    let entries: [PolicyCatalog.Entry]
    let nowMs: Int64
    let window: SyntheticWindow

    static let day: Int64 = 86_400_000
    static let rights: [(Right, Double)] = [
        (.access, 40), (.erasure, 25), (.rectification, 12), (.objection, 10), (.portability, 7), (.restriction, 6),
    ]
    static let languages: [(Language, Double)] = [(.uzbekLatin, 45), (.russian, 30), (.english, 15), (.uzbekCyrillic, 10)]
    static let channels: [(Channel, Double)] = [(.email, 60), (.webForm, 25), (.paper, 8), (.inPerson, 4), (.phone, 3)]
    static let policyWeights: [String: Double] = ["uz": 60, "uz-state": 10, "gdpr": 15, "ru": 15]
    static let openStates: [(RequestState, Double)] = [
        (.received, 20), (.awaitingIdentity, 15), (.inProgress, 45), (.awaitingRequester, 20),
    ]
    static let closedStates: [(RequestState, Double)] = [
        (.fulfilled, 70), (.partiallyFulfilled, 8), (.refused, 14), (.withdrawn, 8),
    ]
    static let grounds: [(RefusalGround, Double)] = [
        (.manifestlyUnfounded, 25), (.excessive, 15), (.legalObligationToRetain, 30), (.noDataHeld, 20), (.exemptionOther, 10),
    ]
    static let desk = ["aziza", "bekzod", "kamola", "timur"]

    func plan(index: Int, using random: inout SeededGenerator) throws -> SyntheticPlan {
        let received = window.receivedMs(index: index, jitter: random.unit())
        let entryIndex = random.pick(entries.indices.map { ($0, Self.policyWeights[entries[$0].policy.code] ?? 5) })
        let entry = entries[entryIndex]
        let kind = random.pick(Self.rights)
        guard let rule = entry.policy.rule(for: kind) else {
            throw StoreError(.noDeadlineRule, right: kind, policy: entry.policy.code)
        }
        let language = random.pick(Self.languages)
        let channel = random.pick(Self.channels)
        let person = SyntheticPeople.person(language, serial: Int64(index), using: &random)
        let due = DeadlineEngine.dueDate(
            receivedAt: SyntheticPlan.date(received), rule: rule, timeZone: entry.timeZone, calendar: entry.calendar)
        var plan = SyntheticPlan(
            receivedMs: received, kind: kind, entryIndex: entryIndex, language: language, channel: channel,
            name: person.name, email: person.email, originalDue: due, due: due)
        plan.steps.append(SyntheticStep(atMs: received, event: nil))
        let age = nowMs - received
        // The acknowledgement goes out ten minutes after receipt, or sooner for a request received
        // just now: always before the first step of its handling (at a tenth of the span at the
        // earliest), so that its event starts from `received`.
        if channel == .email || channel == .webForm {
            plan.letter("acknowledgement", at: received + min(600_000, (age - 60_000) / 20))
        }
        let ageDays = Double(age) / Double(Self.day)
        // Most requests not yet due are still being worked on; past their due date only a few are
        // still open (late, or stuck waiting on the requester), fewer the older they are.
        let notYetDue = due >= LocalDate(SyntheticPlan.date(nowMs), in: entry.timeZone)
        let openChance = notYetDue ? 0.9 : ageDays < 60 ? 0.12 : ageDays < 365 ? 0.004 : 0.0005
        let open = random.chance(openChance)
        let target = random.pick(open ? Self.openStates : Self.closedStates)
        // The span of the history: up to now for an open request; for a closed one mostly before
        // the due date, sometimes late.
        var span = age - 60_000
        if !open {
            let daysToDue = Double(max(1, due.daysSince(LocalDate(SyntheticPlan.date(received), in: entry.timeZone))))
            let days = random.chance(0.08) ? daysToDue + 1 + random.unit() * 20 : max(0.2, random.unit() * daysToDue * 0.95)
            span = min(span, Int64(days * Double(Self.day)))
        }
        let at = { (fraction: Double) in received + Int64(fraction * Double(span)) }
        func step(_ event: LifecycleEvent, _ to: RequestState, _ fraction: Double, clock: ClockEffect = .unchanged,
                  ground: RefusalGround? = nil) {
            plan.transition(event, to: to, at: at(fraction), clock: clock, ground: ground, rule: rule, entry: entry, nowMs: nowMs)
        }
        if target == .received { return plan }

        // Identity first for some; a failed identity check ends in a refusal.
        let identityRefusal = target == .refused && random.chance(0.3)
        if target == .awaitingIdentity || identityRefusal || random.chance(0.15) {
            step(.identityRequest, .awaitingIdentity, 0.1, clock: rule.identityPausesClock ? .pause : .unchanged)
            plan.letter("identity_request", at: at(0.1))
            if target == .awaitingIdentity { return plan }
            if identityRefusal {
                step(.identityFailed, .refused, 1, ground: .identityNotVerified)
                plan.ground = .identityNotVerified
                plan.closedAtMs = at(1)
                plan.letter("refusal_identity_not_verified", at: at(1))
                return plan
            }
            step(.identityVerified, .inProgress, 0.25)
        } else if target == .withdrawn && random.chance(0.5) {
            step(.withdraw, .withdrawn, 1)
            plan.closedAtMs = at(1)
            plan.letter("withdrawal_confirmation", at: at(1))
            return plan
        } else {
            step(.start, .inProgress, 0.1)
        }
        if random.chance(0.7) {
            let who = Self.desk[Int(random.next() % UInt64(Self.desk.count))]
            plan.assignee = who
            plan.steps.append(SyntheticStep(atMs: at(0.26), event: .assigned(to: who, state: plan.state)))
        }

        // A question to the requester pauses the clock; the answer resumes it.
        if target == .awaitingRequester || random.chance(0.12) {
            step(.clarify, .awaitingRequester, 0.35, clock: .pause)
            plan.clarificationMs = at(0.35)
            plan.letter("clarification_request", at: at(0.35))
            if target == .awaitingRequester { return plan }
            step(.resume, .inProgress, 0.55, clock: .resume)
        }

        // An extension, announced before the due date, within the policy's cap.
        if let cap = rule.maxExtension, random.chance(open ? 0.3 : 0.06),
           LocalDate(SyntheticPlan.date(at(0.6)), in: entry.timeZone) <= plan.due {
            plan.extendedBy = cap
            plan.extensionMs = at(0.6)
            plan.transition(nil, to: .inProgress, at: at(0.6), extendedBy: cap, rule: rule, entry: entry, nowMs: nowMs)
            plan.letter("extension_notice", at: at(0.6))
        }
        if target == .inProgress { return plan }

        switch target {
        case .fulfilled, .partiallyFulfilled:
            for (offset, kind) in Self.evidence(for: kind, using: &random).enumerated() {
                plan.record(kind, at: at(0.85 + 0.02 * Double(offset)))
            }
            if target == .fulfilled {
                step(.closeFulfilled, .fulfilled, 1)
                plan.letter("fulfilled_\(kind.rawValue)", at: at(1))
            } else {
                step(.closePartiallyFulfilled, .partiallyFulfilled, 1)
                plan.letter("partially_fulfilled", at: at(1))
            }
            plan.closedAtMs = at(1)
            // Half the restrictions have since been lifted, after their lift notice.
            let liftAt = at(1) + 3 * Self.day
            if kind == .restriction && target == .fulfilled && liftAt < nowMs - 60_000 && random.chance(0.5) {
                plan.letter("restriction_lift_notice", at: at(1) + 2 * Self.day)
                plan.transition(.lift, to: .lifted, at: liftAt, rule: rule, entry: entry, nowMs: nowMs)
            }
        case .refused:
            let ground = random.pick(Self.grounds)
            step(.closeRefused, .refused, 1, ground: ground)
            plan.ground = ground
            plan.closedAtMs = at(1)
            plan.letter("refusal_\(ground.rawValue)", at: at(1))
        default:
            step(.withdraw, .withdrawn, 1)
            plan.closedAtMs = at(1)
            plan.letter("withdrawal_confirmation", at: at(1))
        }
        return plan
    }

    /// Evidence that passes the right's gate (SPEC §3).
    static func evidence(for right: Right, using random: inout SeededGenerator) -> [EvidenceKind] {
        let recipients: EvidenceKind = random.chance(0.3) ? .recipient : .noRecipients
        switch right {
        case .access: return [random.chance(0.1) ? .noDataHeld : .disclosure]
        case .rectification: return [.change, recipients]
        case .erasure: return [.erasure, recipients]
        case .restriction: return [.restriction]
        case .portability: return [.export]
        case .objection: return [.decision]
        }
    }
}
