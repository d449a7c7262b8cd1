// The deadline policies shipped with the desk (SPEC §4, issue 14 items 1, 3, 4).
//
// This file is data: keep it identical to the policy rows in `SQL/` (0004, changed by 0080) — a
// test compares them.
//
// `basis`: `statute` where the cited article sets the term; `desk_policy` where the law sets none
// and the organisation chose it (letters then say so instead of citing an article for the term):
// - ZRU-547 sets no term for access (beyond notifying a refusal), erasure, restriction or
//   objection, and has no portability right; 152-FZ has no portability right either (issue 14 item 1).
// - ZRU-547 art. 11: rectification within 3 days (SPEC §4).
// - ZRU-445 art. 28: 15 days from receipt for appeals to state bodies; the desk caps an extension
//   at one month, decided by the head of the body (issue 14 item 4).
// - GDPR Article 12(3): one month, extendable by two further months; Article 12(6) lets the
//   controller ask for proof of identity first.
// - 152-FZ as amended (issue 14 item 3): access art. 14(3) 10 working days, +5 with a reasoned
//   notice; blocking art. 21(1) from the moment of the request; rectification and destruction of
//   unlawfully processed or unnecessary data art. 20(3) 7 working days from the day the subject
//   supplies the confirming information; destruction after consent is withdrawn art. 21(5) 30
//   days; objection art. 21(5.1) 10 working days, +5. 152-FZ knows no pause of the term.

extension DeadlinePolicy {
    /// One row of the default table: a period for some rights of a policy.
    private struct Row {
        let rights: [Right]
        let period: Period
        var countingStart: CountingStart = .nextDay
        var maxExtension: Period? = nil
        let source: String
        var basis: RuleBasis = .statute
        var clock: ClarificationClock = .pauses
        var extensionBasis: RuleBasis? = nil
    }

    private static func rule(_ right: Right, _ row: Row, identityPausesClock: Bool) -> DeadlineRule {
        DeadlineRule(
            right: right, period: row.period, countingStart: row.countingStart, identityPausesClock: identityPausesClock,
            maxExtension: row.maxExtension, source: row.source, basis: row.basis, clarificationClock: row.clock,
            extensionBasis: row.extensionBasis)
    }

    private static func policy(
        _ code: String, _ name: String, calendar: String, identityPausesClock: Bool, _ rows: [Row], withdrawal: Row? = nil
    ) -> DeadlinePolicy {
        var rules: [Right: DeadlineRule] = [:]
        for row in rows {
            for right in row.rights { rules[right] = rule(right, row, identityPausesClock: identityPausesClock) }
        }
        return DeadlinePolicy(
            code: code, name: name, timeZoneIdentifier: "Asia/Tashkent", calendarName: calendar, rules: rules,
            consentWithdrawalRule: withdrawal.map { rule(.objection, $0, identityPausesClock: identityPausesClock) })
    }

    /// The code of the policy used when none is given.
    public static let defaultCode = "uz"

    /// The policies shipped with the desk, in the order of SPEC §4.
    public static let defaults: [DeadlinePolicy] = [
        policy("uz", "Uzbekistan, ZRU-547 (default)", calendar: "UZ", identityPausesClock: true, [
            Row(rights: [.rectification], period: Period(3, .calendarDays), source: "ZRU-547 art. 11"),
            Row(rights: [.access, .erasure, .restriction, .objection], period: Period(10, .calendarDays),
                source: "ZRU-547 art. 30", basis: .deskPolicy),
            Row(rights: [.portability], period: Period(10, .calendarDays),
                source: "none (ZRU-547 has no right to data portability)", basis: .deskPolicy),
        ]),
        policy("uz-state", "Uzbekistan, state bodies, ZRU-445", calendar: "UZ", identityPausesClock: false, [
            Row(rights: Right.allCases, period: Period(15, .calendarDays), maxExtension: Period(1, .months),
                source: "ZRU-445 art. 28", extensionBasis: .deskPolicy),
        ]),
        policy("gdpr", "EU General Data Protection Regulation", calendar: "EU", identityPausesClock: true, [
            Row(rights: Right.allCases, period: Period(1, .months), maxExtension: Period(2, .months),
                source: "GDPR art. 12(3)"),
        ]),
        policy("ru", "Russia, 152-FZ", calendar: "RU", identityPausesClock: false, [
            Row(rights: [.access], period: Period(10, .workingDays), maxExtension: Period(5, .workingDays),
                source: "152-FZ art. 14(3)", clock: .runs),
            Row(rights: [.rectification, .erasure], period: Period(7, .workingDays), source: "152-FZ art. 20(3)",
                clock: .restarts),
            Row(rights: [.restriction], period: Period(1, .calendarDays), countingStart: .sameDay,
                source: "152-FZ art. 21(1)", clock: .runs),
            Row(rights: [.objection], period: Period(10, .workingDays), maxExtension: Period(5, .workingDays),
                source: "152-FZ art. 21(5.1)", clock: .runs),
            Row(rights: [.portability], period: Period(10, .workingDays),
                source: "none (152-FZ has no right to data portability)", basis: .deskPolicy, clock: .runs),
        ], withdrawal: Row(rights: [.objection], period: Period(30, .calendarDays), source: "152-FZ art. 21(5)", clock: .runs)),
    ]
}
