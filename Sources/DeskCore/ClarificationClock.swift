/// What a wait on the requester's clarification does to the term (issue 14 item 3).
public enum ClarificationClock: String, CaseIterable, Codable, Sendable, Hashable {
    /// The clock stands still while the desk waits; the days waited are added (GDPR, ZRU-547 desk terms).
    case pauses
    /// The term counts anew from the day the requester supplies the information: 152-FZ art. 20(3)
    /// counts rectification and the destruction of unlawfully processed data "from the day the
    /// subject supplies the information" confirming it.
    case restarts
    /// The law knows no pause: the term runs from receipt whatever the desk asks (152-FZ).
    case runs
}
