import DeskCore
import DeskStore
import Foundation
import Letters

/// Decides the history of each synthetic request: right, policy, language, channel and a path
/// through the lifecycle ending in a realistic state. Most requests are closed; those received in
/// the last weeks are mostly open, some overdue, paused or extended.
///
/// The path is driven through `RequestLifecycle` (`SyntheticPlan.apply`): which event leads where,
/// which evidence a right's gate needs (`Gate.requirements`), which grounds a policy allows and
/// what a closure must carry, and whether a wait pauses the clock all come from DeskCore.
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
    /// How often each kind is chosen where a gate accepts several (the rest weigh 1).
    static let evidenceWeights: [EvidenceKind: Double] = [.disclosure: 9, .noDataHeld: 1, .recipient: 3, .noRecipients: 7]
    static let desk = ["aziza", "bekzod", "kamola", "timur"]

    /// The note a closure on each ground carries (every ground needs one, SPEC §3).
    static func note(_ ground: RefusalGround) -> String {
        "Synthetic \(ground.rawValue.replacingOccurrences(of: "_", with: " ")) decision, for benchmarks."
    }

    static let retention = RetentionObligation(
        law: "Law on Accounting (synthetic)", period: "5 years after the end of the financial year")
    static let extensionReason = "The request concerns data held in several systems (synthetic)."
    static let headOfBody = "Head of the state body (synthetic)"

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
        var plan = SyntheticPlan(
            receivedMs: received, kind: kind, entryIndex: entryIndex, entry: entry, rule: rule, language: language,
            channel: channel, name: person.name, email: person.email, nowMs: nowMs)
        let due = plan.due
        let age = nowMs - received
        // The acknowledgement goes out ten minutes after receipt, or sooner for a request received
        // just now: always before the first step of its handling (at a tenth of the span at the
        // earliest), so that its event starts from `received`.
        if channel == .email || channel == .webForm {
            plan.letter(.acknowledgement, at: received + min(600_000, (age - 60_000) / 20))
        }
        let ageDays = Double(age) / Double(Self.day)
        // Most requests not yet due are still being worked on; past their due date only a few are
        // still open (late, or stuck waiting on the requester), fewer the older they are.
        let notYetDue = due >= plan.localDate(nowMs)
        let openChance = notYetDue ? 0.9 : ageDays < 60 ? 0.12 : ageDays < 365 ? 0.004 : 0.0005
        let open = random.chance(openChance)
        let target = random.pick(open ? Self.openStates : Self.closedStates)
        // The span of the history: up to now for an open request; for a closed one mostly before
        // the due date, sometimes late.
        var span = age - 60_000
        if !open {
            let daysToDue = Double(max(1, due.daysSince(plan.localDate(received))))
            let days = random.chance(0.08) ? daysToDue + 1 + random.unit() * 20 : max(0.2, random.unit() * daysToDue * 0.95)
            span = min(span, Int64(days * Double(Self.day)))
        }
        let at = { (fraction: Double) in received + Int64(fraction * Double(span)) }
        /// One lifecycle event and the letter it requires, if any.
        func step(_ event: LifecycleEvent, _ fraction: Double, ground: RefusalGround? = nil) throws {
            let note = ground.map(Self.note)
            let retention = ground == .legalObligationToRetain ? Self.retention : nil
            try Self.checked { try plan.apply(.event(event, ground: ground, note: note, retention: retention), at: at(fraction)) }
            if let letter = Self.letter(after: event, right: kind, ground: plan.ground) { plan.letter(letter, at: at(fraction)) }
        }
        if target == .received { return plan }

        // Identity first for some; a failed identity check ends in a refusal.
        let identityRefusal = target == .refused && random.chance(0.3)
        if target == .awaitingIdentity || identityRefusal || random.chance(0.15) {
            try step(.identityRequest, 0.1)
            if target == .awaitingIdentity { return plan }
            if identityRefusal {
                try step(.identityFailed, 1)
                return plan
            }
            try step(.identityVerified, 0.25)
        } else if target == .withdrawn && random.chance(0.5) {
            try step(.withdraw, 1)
            return plan
        } else {
            try step(.start, 0.1)
        }
        if random.chance(0.7) {
            let who = Self.desk[Int(random.next() % UInt64(Self.desk.count))]
            plan.assignee = who
            plan.steps.append(SyntheticStep(atMs: at(0.26), event: .assigned(to: who, state: plan.state)))
        }

        // A question to the requester (the clock pauses where the law says so); the answer resumes it.
        if target == .awaitingRequester || random.chance(0.12) {
            try step(.clarify, 0.35)
            plan.clarificationMs = at(0.35)
            if target == .awaitingRequester { return plan }
            try step(.resume, 0.55)
        }

        // An extension, announced before the due date, within the policy's cap; skipped when the
        // lifecycle refuses it (a term that cannot be extended any more).
        if let cap = rule.maxExtension, random.chance(open ? 0.3 : 0.06), plan.localDate(at(0.6)) <= plan.due {
            let decidedBy = entry.policy.code == "uz-state" ? Self.headOfBody : nil
            if (try? plan.apply(.extend(cap, reason: Self.extensionReason, decidedBy: decidedBy), at: at(0.6))) != nil {
                plan.letter(.extensionNotice, at: at(0.6))
            }
        }
        if target == .inProgress { return plan }

        switch target {
        case .fulfilled, .partiallyFulfilled:
            for (offset, evidence) in Self.evidence(for: kind, using: &random).enumerated() {
                try Self.checked { try plan.record(evidence, at: at(0.85 + 0.02 * Double(offset))) }
            }
            if target == .fulfilled {
                try step(.closeFulfilled, 1)
            } else {
                try step(.closePartiallyFulfilled, 1, ground: pickGround(entry, using: &random))
            }
            // Half the restrictions have since been lifted, after their lift notice.
            let closedAt = at(1)
            let liftAt = closedAt + 3 * Self.day
            if kind == .restriction && target == .fulfilled && liftAt < nowMs - 60_000 && random.chance(0.5) {
                plan.letter(.restrictionLiftNotice, at: closedAt + 2 * Self.day)
                try Self.checked { try plan.apply(.event(.lift), at: liftAt) }
            }
        case .refused:
            try step(.closeRefused, 1, ground: pickGround(entry, using: &random))
        default:
            try step(.withdraw, 1)
        }
        return plan
    }

    /// A refusal ground the request's policy allows (GDPR-only grounds only under GDPR).
    func pickGround(_ entry: PolicyCatalog.Entry, using random: inout SeededGenerator) -> RefusalGround {
        random.pick(Self.grounds.filter { $0.0.refusal(underPolicy: entry.policy.code) == nil })
    }

    /// The letter a step sends the requester (SPEC §6).
    static func letter(after event: LifecycleEvent, right: Right, ground: RefusalGround?) -> LetterKind? {
        switch event {
        case .identityRequest: return .identityRequest
        case .clarify: return .clarificationRequest
        case .closeFulfilled: return .fulfilled(right)
        case .closePartiallyFulfilled: return .partiallyFulfilled
        case .closeRefused, .identityFailed: return .refusal(ground: ground ?? .exemptionOther)
        case .withdraw: return .withdrawalConfirmation
        case .start, .identityVerified, .resume, .lift: return nil
        }
    }

    /// Evidence that meets the right's gate (`Gate.requirements`): one kind for each requirement.
    static func evidence(for right: Right, using random: inout SeededGenerator) -> [Evidence] {
        (Gate.requirements[right] ?? []).map { requirement in
            let kinds = requirement.kinds.sorted { $0.rawValue < $1.rawValue }
            return sample(random.pick(kinds.map { ($0, evidenceWeights[$0] ?? 1) }))
        }
    }

    /// Evidence of each kind as `dsar record` would take it; its stored details are
    /// `SyntheticBatchWriter.details`.
    static func sample(_ kind: EvidenceKind) -> Evidence {
        switch kind {
        case .disclosure: return .disclosure(Disclosure(description: "copy of the data held, sent by email"))
        case .change: return .change(Change(field: "email", newValueSummary: "corrected address"))
        case .erasure:
            return .erasure(ErasureJournalEntry(
                system: "CRM", dataCategories: ["contact", "orders"], method: "deleted from database and backups",
                performedBy: "IT", performedAt: Date(timeIntervalSince1970: 0)))
        case .restriction: return .restriction(RestrictionScope(systems: ["CRM"], purposes: ["marketing"]))
        case .export: return .export(exportSample)
        case .decision: return .decision(ObjectionDecision(outcome: .processingStopped, purposes: ["marketing"]))
        case .recipient: return .recipient(RecipientNotification(recipient: "payment processor", whatWasNotified: "the request"))
        case .noRecipients: return .noRecipients(note: nil)
        case .noDataHeld: return .noDataHeld(note: nil)
        }
    }

    static let exportSample = ExportArtefact(format: .json, path: "exports/synthetic.json", sha256: SHA256.hex("synthetic"))

    /// Runs a lifecycle step the planner chose; a refusal is a bug of the planner.
    static func checked(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as LifecycleError {
            throw StoreError(.syntheticRuleBroken, lifecycle: error)
        }
    }
}
