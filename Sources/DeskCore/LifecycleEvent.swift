/// Something that moves a request from one state to another (SPEC §3).
public enum LifecycleEvent: String, CaseIterable, Codable, Sendable, Hashable {
    case identityRequest = "identity_request"
    case start
    case identityVerified = "identity_verified"
    case identityFailed = "identity_failed"
    case clarify
    case resume
    case closeFulfilled = "close_fulfilled"
    case closePartiallyFulfilled = "close_partially_fulfilled"
    case closeRefused = "close_refused"
    case withdraw
    case lift
}
