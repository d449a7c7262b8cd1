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

        var description: String {
            let extensionText = extensionCount.map { "\($0) \(extensionUnit ?? "?")" } ?? "none"
            return "\(policy)/\(right): \(periodCount) \(periodUnit) from \(countingStart), pauses=\(identityPausesClock), extension \(extensionText), \(source)"
        }
    }

    static func coreRules() -> Set<RuleRow> {
        var rows = Set<RuleRow>()
        for policy in DeadlinePolicy.defaults {
            for (right, rule) in policy.rules {
                rows.insert(RuleRow(
                    policy: policy.code, right: right.rawValue, periodCount: rule.period.count,
                    periodUnit: rule.period.unit.rawValue, countingStart: rule.countingStart.rawValue,
                    identityPausesClock: rule.identityPausesClock, extensionCount: rule.maxExtension?.count,
                    extensionUnit: rule.maxExtension?.unit.rawValue, source: rule.source))
            }
        }
        return rows
    }

    @Test func policyRulesMatchDeadlinePolicyDefaults() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            var stored = Set<RuleRow>()
            let rows = try database.connection.query("""
                SELECT policy, kind, period_count, period_unit, counting_start, identity_pauses_clock,
                       extension_count, extension_unit, source
                FROM policy_rules
                """)
            for row in rows {
                let v = try row.decode((String, String, Int, String, String, Bool, Int?, String?, String).self)
                stored.insert(RuleRow(
                    policy: v.0, right: v.1, periodCount: v.2, periodUnit: v.3, countingStart: v.4,
                    identityPausesClock: v.5, extensionCount: v.6, extensionUnit: v.7, source: v.8))
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

    /// Calendars and time zones are not part of the rule comparison asked for; they differ today
    /// (gdpr: DeskCore says calendar `EU`, the SQL seed says `UZ` and has no `EU` calendar), so the
    /// check is a known issue until one side is changed on purpose.
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
