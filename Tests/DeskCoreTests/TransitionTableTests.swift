import Testing
@testable import DeskCore

@Suite struct TransitionTableTests {
    /// SPEC §3 written out once more, row by row, as (from, event, to, only for).
    static let spec: [(RequestState, LifecycleEvent, RequestState, Right?)] = [
        (.received, .identityRequest, .awaitingIdentity, nil),
        (.received, .start, .inProgress, nil),
        (.received, .identityVerified, .inProgress, nil),
        (.awaitingIdentity, .identityVerified, .inProgress, nil),
        (.awaitingIdentity, .identityFailed, .refused, nil),
        (.inProgress, .clarify, .awaitingRequester, nil),
        (.awaitingRequester, .resume, .inProgress, nil),
        (.inProgress, .closeFulfilled, .fulfilled, nil),
        (.inProgress, .closePartiallyFulfilled, .partiallyFulfilled, nil),
        (.inProgress, .closeRefused, .refused, nil),
        (.awaitingIdentity, .closeRefused, .refused, nil),
        (.awaitingRequester, .closeRefused, .refused, nil),
        (.received, .withdraw, .withdrawn, nil),
        (.awaitingIdentity, .withdraw, .withdrawn, nil),
        (.inProgress, .withdraw, .withdrawn, nil),
        (.awaitingRequester, .withdraw, .withdrawn, nil),
        (.fulfilled, .lift, .lifted, .restriction),
    ]

    @Test func tableIsExactlyTheSpec() {
        let table = TransitionTable.all.map { "\($0.from.rawValue) \($0.event.rawValue) \($0.to.rawValue) \($0.onlyFor?.rawValue ?? "-")" }
        let spec = Self.spec.map { "\($0.0.rawValue) \($0.1.rawValue) \($0.2.rawValue) \($0.3?.rawValue ?? "-")" }
        #expect(table == spec)
    }

    @Test func everyAllowedTransitionLeadsToItsTarget() {
        for (from, event, to, onlyFor) in Self.spec {
            for right in Right.allCases where onlyFor == nil || onlyFor == right {
                #expect(TransitionTable.target(from: from, event: event, right: right) == to, "\(from) \(event) \(right)")
            }
        }
    }

    @Test func everyOtherEventIsForbidden() {
        for state in RequestState.allCases {
            for right in Right.allCases {
                for event in LifecycleEvent.allCases {
                    let allowed = Self.spec.contains { $0.0 == state && $0.1 == event && ($0.3 == nil || $0.3 == right) }
                    #expect((TransitionTable.target(from: state, event: event, right: right) != nil) == allowed,
                            "\(state) \(event) \(right)")
                }
            }
        }
    }

    @Test func closedStatesAllowNothingButLiftingARestriction() {
        for state in RequestState.allCases where state.isClosed {
            for right in Right.allCases {
                let allowed = TransitionTable.allowedEvents(from: state, right: right)
                #expect(allowed == (state == .fulfilled && right == .restriction ? [.lift] : []))
            }
        }
        #expect(TransitionTable.target(from: .fulfilled, event: .lift, right: .access) == nil)
    }

    @Test func allowedEventsListTheTableInOrder() {
        #expect(TransitionTable.allowedEvents(from: .received, right: .access) == [.identityRequest, .start, .identityVerified, .withdraw])
        #expect(TransitionTable.allowedEvents(from: .awaitingRequester, right: .erasure) == [.resume, .closeRefused, .withdraw])
    }
}
