import Foundation
import Testing
@testable import DeskCore

/// A snapshot of a request received on 2026-03-05 09:00 under `policy`.
func snapshot(_ right: Right, _ state: RequestState, policy: String = "gdpr", directMarketing: Bool = false,
              consentWithdrawal: Bool = false,
              evidence: [EvidenceKind] = [], extendedBy: Period? = nil, liftNoticeSent: Bool = false) throws -> RequestSnapshot {
    let rule = try #require(DeadlinePolicy.named(policy)?.rule(for: right))
    let received = try #require(instant("2026-03-05 09:00"))
    let context = DeadlineContext(receivedAt: received, rule: rule, timeZone: tashkent, calendar: testCalendar)
    return RequestSnapshot(right: right, state: state, policy: policy, directMarketing: directMarketing,
                           consentWithdrawal: consentWithdrawal, evidence: evidence,
                           deadline: context, extendedBy: extendedBy, liftNoticeSent: liftNoticeSent)
}

@Suite struct LifecycleTests {
    let today = fixedDay("2026-03-20")

    @Test func eventsFollowTheTable() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .received))
        let outcome = try lifecycle.apply(.event(.identityRequest), today: today)
        #expect(outcome.from == .received && outcome.to == .awaitingIdentity)
        #expect(outcome.clock == .pause)
        #expect(try lifecycle.apply(.event(.identityVerified), today: today).clock == .resume)
        #expect(try lifecycle.apply(.event(.clarify), today: today).clock == .pause)
        #expect(try lifecycle.apply(.event(.resume), today: today).to == .inProgress)
        #expect(lifecycle.snapshot.state == .inProgress)
    }

    @Test func identityDoesNotPauseTheClockUnderRu() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .received, policy: "ru"))
        #expect(try lifecycle.apply(.event(.identityRequest), today: today).clock == .unchanged)
    }

    @Test func forbiddenEventNamesStateAndAllowedEvents() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .received))
        do {
            _ = try lifecycle.apply(.event(.closeFulfilled), today: today)
            Issue.record("close_fulfilled from received was accepted")
        } catch {
            #expect(error.code == .invalidTransition)
            #expect(error.reason == .eventNotAllowed(.closeFulfilled) && error.state == .received)
            #expect(error.allowedEvents == [.identityRequest, .start, .identityVerified, .withdraw])
        }
        #expect(lifecycle.snapshot.state == .received)
    }

    @Test(arguments: [
        (RequestState.received, LifecycleEvent.resume), (.awaitingIdentity, .clarify), (.inProgress, .start),
        (.awaitingRequester, .closeFulfilled), (.fulfilled, .withdraw), (.partiallyFulfilled, .lift),
        (.refused, .resume), (.withdrawn, .start), (.lifted, .lift),
    ])
    func oneForbiddenEventPerState(state: RequestState, event: LifecycleEvent) throws {
        var lifecycle = RequestLifecycle(try snapshot(.restriction, state, evidence: [.restriction], liftNoticeSent: true))
        #expect(throws: LifecycleError.self) { try lifecycle.apply(.event(event, ground: .excessive, note: "x"), today: today) }
    }

    /// For each right: evidence that does not satisfy the gate, and evidence that does.
    static let gates: [(Right, [EvidenceKind], [EvidenceKind])] = [
        (.access, [.change, .recipient], [.disclosure]),
        (.access, [], [.noDataHeld]),
        (.rectification, [.change], [.change, .recipient]),
        (.rectification, [.noRecipients], [.change, .noRecipients]),
        (.erasure, [.recipient, .noRecipients], [.erasure, .noRecipients]),
        (.erasure, [.erasure], [.erasure, .recipient]),
        (.restriction, [.recipient], [.restriction]),
        (.portability, [.disclosure], [.export]),
        (.objection, [.noDataHeld], [.decision]),
    ]

    @Test(arguments: gates)
    func gateRefusesWithoutEvidenceAndAcceptsWithIt(right: Right, without: [EvidenceKind], with: [EvidenceKind]) throws {
        #expect(!Gate.check(right: right, evidence: without).isEmpty)
        #expect(Gate.check(right: right, evidence: with).isEmpty)

        var refused = RequestLifecycle(try snapshot(right, .inProgress, evidence: without))
        do {
            _ = try refused.apply(.event(.closeFulfilled), today: today)
            Issue.record("gate of \(right) held without evidence")
        } catch {
            #expect(error.code == .gateNotMet)
            #expect(error.reason == .gateNotMet(right: right, missing: Gate.check(right: right, evidence: without)))
        }
        var accepted = RequestLifecycle(try snapshot(right, .inProgress, evidence: with))
        #expect(try accepted.apply(.event(.closeFulfilled), today: today).to == .fulfilled)
    }

    @Test func gateNamesEveryMissingRequirement() {
        #expect(Gate.check(right: .erasure, evidence: [EvidenceKind]()).map(\.name) == [.erasureJournal, .recipientsNotified])
    }

    @Test func partialFulfilmentNeedsGateAndGround() throws {
        var noGate = RequestLifecycle(try snapshot(.access, .inProgress))
        #expect(throws: LifecycleError.self) { try noGate.apply(.event(.closePartiallyFulfilled, ground: .excessive), today: today) }
        var noGround = RequestLifecycle(try snapshot(.access, .inProgress, evidence: [.disclosure]))
        #expect(throws: LifecycleError.self) { try noGround.apply(.event(.closePartiallyFulfilled), today: today) }
        // legal_obligation_to_retain needs a reason, the law and the retention period.
        #expect(throws: LifecycleError.self) {
            try noGround.apply(.event(.closePartiallyFulfilled, ground: .legalObligationToRetain, note: "Invoices"), today: today)
        }
        #expect(throws: LifecycleError.self) {
            try noGround.apply(.event(.closePartiallyFulfilled, ground: .legalObligationToRetain, note: "Invoices",
                                      retention: RetentionObligation(law: "Tax Code art. 88", period: " ")), today: today)
        }
        let outcome = try noGround.apply(
            .event(.closePartiallyFulfilled, ground: .legalObligationToRetain, note: "Invoices",
                   retention: RetentionObligation(law: "Tax Code art. 88", period: "5 years")), today: today)
        #expect(outcome.to == .partiallyFulfilled && outcome.ground == .legalObligationToRetain)
    }

    /// Every ground needs its reason (issue 14 item 6).
    @Test(arguments: RefusalGround.allCases)
    func everyRefusalGroundNeedsANote(ground: RefusalGround) throws {
        var lifecycle = RequestLifecycle(try snapshot(.erasure, .inProgress))
        do {
            _ = try lifecycle.apply(.event(.closeRefused, ground: ground), today: today)
            Issue.record("\(ground.rawValue) refused without a note")
        } catch {
            #expect(error.code == .groundRequired)
        }
    }

    /// manifestly_unfounded and excessive are GDPR Article 12(5) grounds; ZRU-547, ZRU-445 and 152-FZ have none.
    @Test(arguments: ["uz", "uz-state", "ru"])
    func gdprOnlyGroundsAreRefusedUnderOtherLaws(policy: String) throws {
        for ground in [RefusalGround.manifestlyUnfounded, .excessive] {
            var lifecycle = RequestLifecycle(try snapshot(.access, .inProgress, policy: policy))
            do {
                _ = try lifecycle.apply(.event(.closeRefused, ground: ground, note: "Fifth identical request"), today: today)
                Issue.record("\(ground.rawValue) accepted under \(policy)")
            } catch {
                #expect(error.code == .groundRequired)
                #expect(error.reason == .groundNotProvided(try #require(ground.refusal(underPolicy: policy))))
            }
        }
        var gdpr = RequestLifecycle(try snapshot(.access, .inProgress, policy: "gdpr"))
        #expect(try gdpr.apply(.event(.closeRefused, ground: .excessive, note: "Fifth identical request"), today: today).to == .refused)
    }

    /// ZRU-547 art. 17: withdrawn consent means the data is destroyed (issue 14 item 5).
    @Test func consentWithdrawalClosesOnlyOnceTheDataIsDestroyedOrARetentionGroundIsRecorded() throws {
        let stopped = Evidence.decision(ObjectionDecision(outcome: .processingStopped, purposes: ["newsletter"]))
        var lifecycle = RequestLifecycle(try snapshot(.objection, .inProgress, policy: "uz", consentWithdrawal: true))
        #expect(throws: LifecycleError.self) {
            try lifecycle.record(.decision(ObjectionDecision(outcome: .overridden, grounds: "legitimate interest")))
        }
        try lifecycle.record(stopped)
        do {
            _ = try lifecycle.apply(.event(.closeFulfilled), today: today)
            Issue.record("a withdrawal closed without destroying the data")
        } catch {
            #expect(error.code == .gateNotMet)
            #expect(error.reason == .gateNotMet(right: .objection, missing: [try #require(Gate.withdrawalMissing(evidence: [EvidenceKind](), retentionGroundRecorded: false))]))
        }
        var destroyed = lifecycle
        try destroyed.record(.erasure(ErasureJournalEntry(
            system: "CRM", dataCategories: ["contact"], method: "deleted", performedBy: "IT", performedAt: Date(timeIntervalSince1970: 1_773_000_000))))
        #expect(try destroyed.apply(.event(.closeFulfilled), today: today).to == .fulfilled)
        var retained = lifecycle
        try retained.record(.decision(ObjectionDecision(
            outcome: .processingStopped, purposes: ["newsletter"], retentionGround: "Tax Code art. 88: invoices, 5 years")))
        #expect(try retained.apply(.event(.closeFulfilled), today: today).to == .fulfilled)
        // A plain objection needs only the decision.
        var plain = RequestLifecycle(try snapshot(.objection, .inProgress, policy: "uz"))
        try plain.record(stopped)
        #expect(try plain.apply(.event(.closeFulfilled), today: today).to == .fulfilled)
    }

    /// ZRU-445: the head of the state body decides an extension; the desk records who (issue 14 item 4).
    @Test func aStateBodyExtensionNamesWhoDecidedIt() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .inProgress, policy: "uz-state"))
        do {
            _ = try lifecycle.apply(.extend(Period(1, .months), reason: "Archive search"), today: today)
            Issue.record("an uz-state extension without --decided-by")
        } catch {
            #expect(error.reason == .extensionWithoutDecider)
        }
        let outcome = try lifecycle.apply(.extend(Period(1, .months), reason: "Archive search", decidedBy: "Head of the body"), today: today)
        #expect(outcome.extendedBy == Period(1, .months))
    }

    @Test func refusalNeedsAGroundAndText() throws {
        var lifecycle = RequestLifecycle(try snapshot(.erasure, .inProgress))
        do {
            _ = try lifecycle.apply(.event(.closeRefused), today: today)
            Issue.record("refused without a ground")
        } catch {
            #expect(error.code == .groundRequired)
        }
        #expect(throws: LifecycleError.self) { try lifecycle.apply(.event(.closeRefused, ground: .exemptionOther, note: "  "), today: today) }
        let outcome = try lifecycle.apply(.event(.closeRefused, ground: .exemptionOther, note: "Court order 12/2026"), today: today)
        #expect(outcome.to == .refused)
    }

    @Test func identityFailureIsRefusedOnIdentityNotVerified() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .awaitingIdentity))
        #expect(throws: LifecycleError.self) { try lifecycle.apply(.event(.identityFailed, ground: .excessive), today: today) }
        let outcome = try lifecycle.apply(.event(.identityFailed), today: today)
        #expect(outcome.to == .refused && outcome.ground == .identityNotVerified && outcome.clock == .resume)
    }

    @Test func liftNeedsTheLiftNotice() throws {
        var notYet = RequestLifecycle(try snapshot(.restriction, .fulfilled))
        #expect(throws: LifecycleError.self) { try notYet.apply(.event(.lift), today: today) }
        var sent = RequestLifecycle(try snapshot(.restriction, .fulfilled, liftNoticeSent: true))
        #expect(try sent.apply(.event(.lift), today: today).to == .lifted)
    }

    @Test func directMarketingObjectionCannotBeOverridden() throws {
        var lifecycle = RequestLifecycle(try snapshot(.objection, .inProgress, directMarketing: true))
        let overridden = Evidence.decision(ObjectionDecision(outcome: .overridden, grounds: "Legitimate interest"))
        do {
            try lifecycle.record(overridden)
            Issue.record("a direct-marketing objection was overridden")
        } catch {
            #expect(error.code == .evidenceRefused)
        }
        #expect(lifecycle.snapshot.evidence.isEmpty)
        try lifecycle.record(.decision(ObjectionDecision(outcome: .processingStopped, purposes: ["newsletter"])))
        #expect(try lifecycle.apply(.event(.closeFulfilled), today: today).to == .fulfilled)

        var ordinary = RequestLifecycle(try snapshot(.objection, .inProgress))
        try ordinary.record(overridden)
        #expect(ordinary.snapshot.evidence == [.decision])
    }

    @Test func extensionWithinCapBeforeDueDate() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .inProgress))
        #expect(lifecycle.snapshot.dueOn.iso == "2026-04-06")
        let outcome = try lifecycle.apply(.extend(Period(1, .months), reason: "Many systems to search"), today: today)
        #expect(outcome.dueOn.iso == "2026-05-05" && outcome.extendedBy == Period(1, .months) && outcome.to == .inProgress)
        let again = try lifecycle.apply(.extend(Period(1, .months), reason: "Still searching"), today: today)
        #expect(again.dueOn.iso == "2026-06-05" && lifecycle.snapshot.extendedBy == Period(2, .months))
        #expect(throws: LifecycleError.self) { try lifecycle.apply(.extend(Period(1, .calendarDays), reason: "More"), today: today) }
    }

    @Test func extensionRefusals() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .inProgress))
        let cases: [(LifecycleAction, LocalDate)] = [
            (.extend(Period(3, .months), reason: "Too long"), today),
            (.extend(Period(1, .months), reason: " "), today),
            (.extend(Period(1, .months), reason: "Late"), try #require(day("2026-04-07"))),
        ]
        for (action, date) in cases {
            do {
                _ = try lifecycle.apply(action, today: date)
                Issue.record("\(action) was accepted")
            } catch {
                #expect(error.code == .extensionRefused)
            }
        }
        var closed = RequestLifecycle(try snapshot(.access, .fulfilled))
        #expect(throws: LifecycleError.self) { try closed.apply(.extend(Period(1, .months), reason: "Closed"), today: today) }
        var uz = RequestLifecycle(try snapshot(.access, .inProgress, policy: "uz"))
        #expect(throws: LifecycleError.self) { try uz.apply(.extend(Period(5, .calendarDays), reason: "No extension in uz"), today: today) }
    }

    @Test func evidenceCannotBeRecordedOnAClosedRequest() throws {
        var lifecycle = RequestLifecycle(try snapshot(.access, .refused))
        #expect(throws: LifecycleError.self) { try lifecycle.record(.noDataHeld(note: nil)) }
    }
}
