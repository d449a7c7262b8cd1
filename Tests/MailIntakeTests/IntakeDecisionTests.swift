import DeskCore
import Testing
@testable import MailIntake

/// The one intake decision: every status, and the order in which the rules apply.
@Suite struct IntakeDecisionTests {
    static let suggested = [RightScore(right: .erasure, probability: 0.8), RightScore(right: .access, probability: 0.2)]
    static let request = IntakeEvidence(
        rights: [.erasure, .access], isConfident: true, confidence: 0.8, suggested: suggested, hasSenderAddress: true)
    static let desk = IntakeKnowledge(heldReferences: ["DSAR-2026-000001"])

    static func with(_ change: (inout IntakeEvidence) -> Void) -> IntakeEvidence {
        var evidence = request
        change(&evidence)
        return evidence
    }

    @Test func aConfidentRequestWithASenderBecomesRequests() {
        let decision = IntakeDecision.decide(Self.request, knowing: Self.desk)
        #expect(decision.status == .new)
        #expect(decision.rights == [.erasure, .access])
        #expect(decision.reason == nil && decision.suggested.isEmpty)
    }

    @Test func aDuplicateComesFirst() {
        let evidence = Self.with { $0.quarantineReason = "binary: junk" }
        let known = IntakeKnowledge(isDuplicate: true, threadReference: "DSAR-2026-000001", heldReferences: [])
        #expect(IntakeDecision.decide(evidence, knowing: known).status == .duplicate)
        #expect(IntakeDecision.decide(evidence, knowing: known).rights.isEmpty)
    }

    @Test func anUnreadableMessageIsQuarantinedWithItsReason() {
        let decision = IntakeDecision.decide(
            Self.with { $0.quarantineReason = "too_large: over the limit"; $0.references = ["DSAR-2026-000001"] },
            knowing: Self.desk)
        #expect(decision.status == .quarantined)
        #expect(decision.reason == "too_large: over the limit")
    }

    @Test func aMessageAnsweringOurLetterIsAReplyToThatRequest() {
        let known = IntakeKnowledge(threadReference: "DSAR-2026-000007", heldReferences: ["DSAR-2026-000001"])
        let decision = IntakeDecision.decide(Self.with { $0.references = ["DSAR-2026-000001"] }, knowing: known)
        #expect(decision.status == .reply)
        #expect(decision.reference == "DSAR-2026-000007")
        #expect(decision.rights.isEmpty)
    }

    @Test func theFirstHeldReferenceIsTheRequestAnswered() {
        let decision = IntakeDecision.decide(
            Self.with { $0.references = ["DSAR-2026-000999", "DSAR-2026-000001"]; $0.automatedReason = "Auto-Submitted: auto-replied" },
            knowing: Self.desk)
        #expect(decision.status == .reply)
        #expect(decision.reference == "DSAR-2026-000001")
        #expect(decision.reason == nil)
    }

    @Test func aReferenceTheDeskDoesNotHoldGoesToAPersonWithTheSuggestion() {
        let decision = IntakeDecision.decide(Self.with { $0.references = ["DSAR-2026-000999"] }, knowing: Self.desk)
        #expect(decision.status == .triage)
        #expect(decision.reason?.contains("DSAR-2026-000999") == true)
        #expect(decision.reason?.contains("does not hold") == true)
        #expect(decision.suggested == Self.suggested)
        #expect(decision.rights.isEmpty)
    }

    @Test func withoutTheDeskAReferenceIsAReplyThatSaysItWasNotChecked() {
        let decision = IntakeDecision.decide(Self.with { $0.references = ["DSAR-2026-000999"] }, knowing: .nothing)
        #expect(decision.status == .reply)
        #expect(decision.reference == "DSAR-2026-000999")
        #expect(decision.reason?.contains("not known") == true)
    }

    @Test func automatedMailIsTriagedWithItsReason() {
        let decision = IntakeDecision.decide(Self.with { $0.automatedReason = "Auto-Submitted: auto-replied" }, knowing: Self.desk)
        #expect(decision.status == .triage)
        #expect(decision.reason == "Auto-Submitted: auto-replied")
    }

    @Test func noRecognisedRightIsTriage() {
        let decision = IntakeDecision.decide(Self.with { $0.rights = []; $0.suggested = [] }, knowing: Self.desk)
        #expect(decision.status == .triage)
        #expect(decision.suggested.isEmpty)
        #expect(decision.reason?.contains("No right recognised in the message") == true)
        let guessed = IntakeDecision.decide(Self.with { $0.rights = [] }, knowing: Self.desk)
        #expect(guessed.reason?.contains("Read as no request") == true)
        #expect(guessed.reason?.contains("erasure at 80.0 % is the best guess") == true)
        // A guess the model gives almost nothing is not named: it would send the DPO looking for
        // a request that is not there.
        let faint = IntakeDecision.decide(
            Self.with { $0.rights = []; $0.suggested = [RightScore(right: .access, probability: 0.004)] }, knowing: Self.desk)
        #expect(faint.reason?.contains("No right recognised in the message") == true)
        #expect(faint.reason?.contains("access") == false)
        #expect(faint.suggested == [RightScore(right: .access, probability: 0.004)])
    }

    /// The decision on a classification whose calibrated confidence is under its bar.
    static func belowThreshold(_ confidence: Double, bar: Double) -> IntakeDecision {
        IntakeDecision.decide(
            with {
                $0.isConfident = false
                $0.confidence = confidence
                $0.doubt = .belowThreshold(confidence: confidence, threshold: bar)
            }, knowing: desk)
    }

    @Test func aClassificationBelowTheThresholdIsTriageWithTheSuggestedRights() {
        let decision = Self.belowThreshold(0.9968, bar: 0.9971)
        #expect(decision.status == .triage)
        #expect(decision.rights.isEmpty)
        #expect(decision.suggested == Self.suggested)
        // Cut, not rounded: 99.68 % under a 99.71 % bar must not read "100 %" under "99 %".
        #expect(decision.reason?.contains("Not sure enough: erasure at 99.6 % confidence, under the 99.7 % needed") == true)
        // A confidence just under its bar gets the digits that tell the two apart.
        let close = Self.belowThreshold(0.991432, bar: 0.9915)
        #expect(close.reason?.contains("erasure at 99.14 % confidence, under the 99.15 % needed") == true)
        #expect(IntakeDecision.distinguishable(0.5, 0.99) == ("50.0", "99.0"))
        #expect(IntakeDecision.distinguishable(0.99141, 0.99148) == ("99.141", "99.148"))
    }

    @Test func aTriageReasonSaysWhyAConfidentClassifierStillWaitsForAPerson() {
        let wording = IntakeDecision.decide(
            Self.with { $0.isConfident = false; $0.confidence = 0.999; $0.doubt = .wordingAlsoNames([.objection]) }, knowing: Self.desk)
        #expect(wording.status == .triage)
        #expect(wording.reason?.contains("Also names objection, not only erasure (at 99.9 % confidence)") == true)
        let negated = IntakeDecision.decide(
            Self.with { $0.isConfident = false; $0.confidence = 0; $0.doubt = .negated(.portability) }, knowing: Self.desk)
        #expect(negated.reason?.contains("says not to do portability") == true)
        #expect(IntakeDecision.tenths(1) == "100.0")
        #expect(IntakeDecision.tenths(0.05) == "5.0")
    }

    @Test func noSenderAddressAtAllIsQuarantinedButAReplyStillThreads() {
        let decision = IntakeDecision.decide(Self.with { $0.hasSenderAddress = false }, knowing: Self.desk)
        #expect(decision.status == .quarantined)
        #expect(decision.reason?.hasPrefix("no_sender:") == true)
        let reply = IntakeDecision.decide(
            Self.with { $0.hasSenderAddress = false; $0.references = ["DSAR-2026-000001"] }, knowing: Self.desk)
        #expect(reply.status == .reply)
    }

    @Test func everyStatusIsReachable() {
        let evidences = [
            Self.request, Self.with { $0.quarantineReason = "x" }, Self.with { $0.references = ["DSAR-2026-000001"] },
            Self.with { $0.rights = [] },
        ]
        var statuses = Set(evidences.map { IntakeDecision.decide($0, knowing: Self.desk).status })
        statuses.insert(IntakeDecision.decide(Self.request, knowing: IntakeKnowledge(isDuplicate: true, heldReferences: nil)).status)
        #expect(statuses == Set(IntakeStatus.allCases))
    }

    @Test func theAssessmentsStatusIsTheDecisionOnTheMessageAlone() {
        let bytes = Array(
            """
            From: Ali Valiyev <ali@example.uz>
            Subject: Re: DSAR-2026-000123

            Please delete my personal data.

            """.utf8)
        let assessment = IntakeAssessment.assess(bytes)
        #expect(assessment.status == IntakeDecision.decide(assessment.evidence, knowing: .nothing).status)
        #expect(assessment.status == .reply)
        #expect(assessment.evidence.references == ["DSAR-2026-000123"])
    }
}
