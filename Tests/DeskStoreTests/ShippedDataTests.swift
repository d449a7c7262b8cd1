import DeskCore
import DeskStore
import DeskTestSupport
import Foundation
import Postgres
import Testing

/// The data shipped in `SQL/` and the tables in DeskCore say the same thing.
@Suite(.enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct ShippedDataTests {
    /// One policy rule as both sides can express it.
    struct RuleRow: Hashable, CustomStringConvertible {
        let policy: String
        let right: String
        let periodCount: Int
        let periodUnit: String
        let countingStart: String
        let identityPausesClock: Bool
        let extensionCount: Int?
        let extensionUnit: String?
        let source: String
        let basis: String
        let clarificationClock: String
        let consentWithdrawal: Bool
        let extensionBasis: String?

        var description: String {
            let extensionText = extensionCount.map { "\($0) \(extensionUnit ?? "?")" } ?? "none"
            return "\(policy)/\(right)\(consentWithdrawal ? "+withdrawal" : ""): \(periodCount) \(periodUnit) from \(countingStart), pauses=\(identityPausesClock), clock=\(clarificationClock), extension \(extensionText), \(source), \(basis), extension basis \(extensionBasis ?? "-")"
        }
    }

    static func row(_ policy: DeadlinePolicy, _ rule: DeadlineRule, withdrawal: Bool) -> RuleRow {
        RuleRow(
            policy: policy.code, right: rule.right.rawValue, periodCount: rule.period.count,
            periodUnit: rule.period.unit.rawValue, countingStart: rule.countingStart.rawValue,
            identityPausesClock: rule.identityPausesClock, extensionCount: rule.maxExtension?.count,
            extensionUnit: rule.maxExtension?.unit.rawValue, source: rule.source, basis: rule.basis.rawValue,
            clarificationClock: rule.clarificationClock.rawValue, consentWithdrawal: withdrawal,
            extensionBasis: rule.extensionBasis?.rawValue)
    }

    static func coreRules() -> Set<RuleRow> {
        var rows = Set<RuleRow>()
        for policy in DeadlinePolicy.defaults {
            for rule in policy.rules.values { rows.insert(row(policy, rule, withdrawal: false)) }
            if let rule = policy.consentWithdrawalRule { rows.insert(row(policy, rule, withdrawal: true)) }
        }
        return rows
    }

    @Test func policyRulesMatchDeadlinePolicyDefaults() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            var stored = Set<RuleRow>()
            let rows = try database.connection.query("""
                SELECT policy, kind, period_count, period_unit, counting_start, identity_pauses_clock,
                       extension_count, extension_unit, source, basis, clarification_clock, consent_withdrawal, extension_basis
                FROM policy_rules
                """)
            for row in rows {
                let v = try row.decode((String, String, Int, String, String, Bool, Int?, String?, String, String, String, Bool).self)
                let extensionBasis: String? = try row.decode(column: 12)
                stored.insert(RuleRow(
                    policy: v.0, right: v.1, periodCount: v.2, periodUnit: v.3, countingStart: v.4,
                    identityPausesClock: v.5, extensionCount: v.6, extensionUnit: v.7, source: v.8, basis: v.9,
                    clarificationClock: v.10, consentWithdrawal: v.11, extensionBasis: extensionBasis))
            }
            #expect(rows.count == stored.count)
            let core = Self.coreRules()
            let onlyInSQL = stored.subtracting(core).map(\.description).sorted()
            let onlyInCore = core.subtracting(stored).map(\.description).sorted()
            #expect(onlyInSQL == [], "rules in SQL/0004_policies.sql but not in DeadlinePolicy.defaults")
            #expect(onlyInCore == [], "rules in DeadlinePolicy.defaults but not in SQL/0004_policies.sql")
            // Every shipped policy covers every right, on both sides.
            for policy in DeadlinePolicy.defaults {
                #expect(Set(policy.rules.keys) == Set(Right.allCases), "policy \(policy.code)")
            }
        }
    }

    @Test func policiesAreTheSameSet() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            let codes = try db.query("SELECT code FROM policies ORDER BY code").map { try $0.decode(column: 0, as: String.self) }
            #expect(codes == DeadlinePolicy.defaults.map(\.code).sorted())
            let defaultCode = try db.query("SELECT code FROM policies WHERE is_default").first?.decode(column: 0, as: String.self)
            #expect(defaultCode == DeadlinePolicy.defaultCode)
        }
    }

    /// Every policy counts on the same calendar and in the same time zone on both sides (issue 14:
    /// GDPR on its own `EU` calendar, without Uzbek holidays).
    @Test func policyCalendarsAndTimeZonesMatch() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            var stored: [String: String] = [:]
            for row in try database.connection.query("SELECT code, calendar, time_zone FROM policies") {
                let (code, calendar, zone) = try row.decode((String, String, String).self)
                stored[code] = "\(calendar) \(zone)"
            }
            var core: [String: String] = [:]
            for policy in DeadlinePolicy.defaults { core[policy.code] = "\(policy.calendarName) \(policy.timeZoneIdentifier)" }
            #expect(stored == core)
        }
    }

    /// The one source of truth for calendars is `DefaultCalendars.swift`; the SQL seed must ship the
    /// same entries. On a difference the failure prints the rows 0080 should contain.
    @Test func calendarEntriesMatchDefaultCalendars() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let db = database.connection
            var stored: [String] = []
            for row in try db.query("SELECT calendar, day::text, kind, week, expected, name FROM holidays ORDER BY calendar, day, week") {
                let (calendar, day, kind, week, expected, name) = try row.decode((String, String, String, String, Bool, String).self)
                stored.append("('\(calendar)', '\(day)', '\(kind)', '\(week)', \(expected), '\(name.replacingOccurrences(of: "'", with: "''"))')")
            }
            var core: [String] = []
            for code in WorkingCalendar.shippedEntries.keys.sorted() {
                for entry in (WorkingCalendar.shippedEntries[code] ?? []).sorted(by: { ($0.day, $0.week.rawValue) < ($1.day, $1.week.rawValue) }) {
                    core.append("('\(code)', '\(entry.day.iso)', '\(entry.kind.rawValue)', '\(entry.week.rawValue)', \(entry.expected), '\(entry.name.replacingOccurrences(of: "'", with: "''"))')")
                }
            }
            #expect(stored == core, "SQL/0080_calendar_entries.sql should insert:\n\(core.joined(separator: ",\n"))")
            // Each shipped calendar reads the same days as DeskCore's.
            let catalog = PolicyCatalog(db)
            for calendar in WorkingCalendar.defaults {
                let loaded = try catalog.calendar(calendar.name)
                #expect(loaded.weekend == calendar.weekend, "\(calendar.name)")
                #expect(loaded.holidays == calendar.holidays, "\(calendar.name) days off")
                #expect(loaded.workingDays == calendar.workingDays, "\(calendar.name) working days")
            }
        }
    }

    @Test func stateTransitionsEqualTransitionTable() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let rows = try database.connection.query("SELECT from_state, event, to_state, only_kind FROM state_transitions")
            var stored: [Transition] = []
            for row in rows {
                let (from, event, to, only) = try row.decode((String, String, String, String?).self)
                let transition = try #require(
                    Self.transition(from, event, to, only), "unknown value in state_transitions: \(from) \(event) \(to) \(only ?? "-")")
                stored.append(transition)
            }
            #expect(stored.count == TransitionTable.all.count)
            #expect(Set(stored) == Set(TransitionTable.all))
            #expect(Set(TransitionTable.all).count == TransitionTable.all.count)
        }
    }

    static func transition(_ from: String, _ event: String, _ to: String, _ only: String?) -> Transition? {
        guard let from = RequestState(rawValue: from), let event = LifecycleEvent(rawValue: event),
            let to = RequestState(rawValue: to)
        else { return nil }
        guard let only else { return Transition(from, event, to) }
        guard let right = Right(rawValue: only) else { return nil }
        return Transition(from, event, to, onlyFor: right)
    }
}
