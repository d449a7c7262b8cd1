public import Foundation

/// A jurisdiction's rule pack: one deadline rule per right, a time zone and a working-day calendar.
public struct DeadlinePolicy: Sendable, Hashable {
    /// Short code stored on each request, e.g. `uz`, `gdpr`.
    public let code: String
    public let name: String
    /// IANA time zone in which receipt instants become local dates.
    public let timeZoneIdentifier: String
    /// Name of the `WorkingCalendar` whose holidays apply.
    public let calendarName: String
    public let rules: [Right: DeadlineRule]
    /// The term for destroying data after consent is withdrawn (an objection with
    /// `consent_withdrawal`), when the law sets one apart from the objection's (152-FZ art. 21(5)).
    public let consentWithdrawalRule: DeadlineRule?

    /// Creates a policy.
    public init(
        code: String,
        name: String,
        timeZoneIdentifier: String = "Asia/Tashkent",
        calendarName: String,
        rules: [Right: DeadlineRule],
        consentWithdrawalRule: DeadlineRule? = nil
    ) {
        self.code = code
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.calendarName = calendarName
        self.rules = rules
        self.consentWithdrawalRule = consentWithdrawalRule
    }

    /// The rule for a right, or nil when the policy does not cover it.
    public func rule(for right: Right) -> DeadlineRule? { rules[right] }

    /// The rule of a request: the consent-withdrawal rule for an objection that withdraws
    /// consent when the policy has one, else the right's rule.
    public func rule(for right: Right, consentWithdrawal: Bool) -> DeadlineRule? {
        if consentWithdrawal, right == .objection, let rule = consentWithdrawalRule { return rule }
        return rules[right]
    }

    /// The policy's time zone, or nil when the identifier is unknown to this system.
    public var timeZone: TimeZone? { TimeZone(identifier: timeZoneIdentifier) }

    /// The shipped policy with this code, if any.
    public static func named(_ code: String) -> DeadlinePolicy? {
        defaults.first { $0.code == code }
    }
}
