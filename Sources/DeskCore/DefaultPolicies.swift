// The deadline policies shipped with the desk (SPEC §4).
//
// This file is data: keep it identical to the policy seed in `SQL/` — a test compares them.
//
// `identityPausesClock`: true for `uz`, `uz-state` and `gdpr`, where the period runs from a request
// the controller can act on (GDPR art. 12(6) lets the controller ask for proof of identity first, and
// the Uzbek laws start the term on a request from an identified subject); false for `ru`, because
// 152-FZ counts from the request and gives no pause for identification.

extension DeadlinePolicy {
    /// One row of the default table: a period for some rights of a policy.
    private struct Row {
        let rights: [Right]
        let period: Period
        let maxExtension: Period?
        let source: String
    }

    private static func policy(
        _ code: String, _ name: String, calendar: String, identityPausesClock: Bool, _ rows: [Row]
    ) -> DeadlinePolicy {
        var rules: [Right: DeadlineRule] = [:]
        for row in rows {
            for right in row.rights {
                rules[right] = DeadlineRule(
                    right: right, period: row.period, countingStart: .nextDay,
                    identityPausesClock: identityPausesClock, maxExtension: row.maxExtension, source: row.source
                )
            }
        }
        return DeadlinePolicy(code: code, name: name, timeZoneIdentifier: "Asia/Tashkent", calendarName: calendar, rules: rules)
    }

    /// The code of the policy used when none is given.
    public static let defaultCode = "uz"

    /// The policies shipped with the desk, in the order of SPEC §4.
    public static let defaults: [DeadlinePolicy] = [
        policy("uz", "Uzbekistan, ZRU-547 (default)", calendar: "UZ", identityPausesClock: true, [
            Row(rights: [.rectification], period: Period(3, .calendarDays), maxExtension: nil,
                source: "ZRU-547 art. 11"),
            Row(rights: [.access], period: Period(10, .calendarDays), maxExtension: nil,
                source: "ZRU-547 art. 22, 30"),
            Row(rights: [.erasure, .restriction, .objection, .portability], period: Period(10, .calendarDays),
                maxExtension: nil, source: "ZRU-547 art. 17, 30, 31"),
        ]),
        policy("uz-state", "Uzbekistan, state bodies, ZRU-445", calendar: "UZ", identityPausesClock: true, [
            Row(rights: Right.allCases, period: Period(15, .calendarDays), maxExtension: Period(1, .months),
                source: "ZRU-445 art. 28"),
        ]),
        policy("gdpr", "EU General Data Protection Regulation", calendar: "UZ", identityPausesClock: true, [
            Row(rights: Right.allCases, period: Period(1, .months), maxExtension: Period(2, .months),
                source: "GDPR art. 12(3)"),
        ]),
        policy("ru", "Russia, 152-FZ", calendar: "RU", identityPausesClock: false, [
            Row(rights: [.access], period: Period(10, .workingDays), maxExtension: Period(5, .workingDays),
                source: "152-FZ art. 14, 20"),
            Row(rights: [.rectification], period: Period(7, .workingDays), maxExtension: nil,
                source: "152-FZ art. 21"),
            Row(rights: [.erasure, .restriction, .objection, .portability], period: Period(10, .workingDays),
                maxExtension: nil, source: "152-FZ art. 21"),
        ]),
    ]
}
