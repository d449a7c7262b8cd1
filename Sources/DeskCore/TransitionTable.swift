/// The request lifecycle of SPEC §3 as one table of data.
///
/// The database holds a copy of this table; a test compares them row by row.
public enum TransitionTable {
    /// Every allowed transition, in the order of SPEC §3.
    public static let all: [Transition] = [
        Transition(.received, .identityRequest, .awaitingIdentity),
        Transition(.received, .start, .inProgress),
        Transition(.received, .identityVerified, .inProgress),
        Transition(.awaitingIdentity, .identityVerified, .inProgress),
        Transition(.awaitingIdentity, .identityFailed, .refused),
        Transition(.inProgress, .clarify, .awaitingRequester),
        Transition(.awaitingRequester, .resume, .inProgress),
        Transition(.inProgress, .closeFulfilled, .fulfilled),
        Transition(.inProgress, .closePartiallyFulfilled, .partiallyFulfilled),
        Transition(.inProgress, .closeRefused, .refused),
        Transition(.awaitingIdentity, .closeRefused, .refused),
        Transition(.awaitingRequester, .closeRefused, .refused),
        Transition(.received, .withdraw, .withdrawn),
        Transition(.awaitingIdentity, .withdraw, .withdrawn),
        Transition(.inProgress, .withdraw, .withdrawn),
        Transition(.awaitingRequester, .withdraw, .withdrawn),
        Transition(.fulfilled, .lift, .lifted, onlyFor: .restriction),
    ]

    /// The state `event` leads to from `state` for a request of `right`, or nil when not allowed.
    public static func target(from state: RequestState, event: LifecycleEvent, right: Right) -> RequestState? {
        all.first { $0.from == state && $0.event == event && ($0.onlyFor == nil || $0.onlyFor == right) }?.to
    }

    /// The events allowed from `state` for a request of `right`, in table order, without repeats.
    public static func allowedEvents(from state: RequestState, right: Right) -> [LifecycleEvent] {
        var events: [LifecycleEvent] = []
        for transition in all where transition.from == state && (transition.onlyFor == nil || transition.onlyFor == right) {
            if !events.contains(transition.event) { events.append(transition.event) }
        }
        return events
    }
}
