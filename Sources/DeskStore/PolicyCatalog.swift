public import DeskCore
public import Foundation
public import Postgres

/// Reads jurisdiction policies and working-day calendars from the database (SPEC §4).
public struct PolicyCatalog {
    /// A policy with the calendar it counts working days on.
    public struct Entry: Sendable {
        public let policy: DeadlinePolicy
        public let calendar: WorkingCalendar
        public let authority: String
        public let isDefault: Bool

        public var timeZone: TimeZone { policy.timeZone ?? TimeZone(identifier: "Asia/Tashkent") ?? .current }
    }

    /// Policies, codes and calendars already read, kept by the owner of the catalog (a
    /// `RequestStore` or `QueueQuery` instance) so that a command — or a loop of commands on one
    /// connection — reads each of them from the database once. Policies and calendars change only
    /// by `dsar calendar` and migrations; an instance made after such a change sees it (every CLI
    /// command makes its own). Not thread-safe, like the connection it goes with.
    public final class Cache {
        var entries: [String: Entry] = [:]
        var calendars: [String: WorkingCalendar] = [:]
        var codes: [String]?
        var defaultCode: String?

        public init() {}
    }

    let db: Connection
    let cache: Cache?

    public init(_ db: Connection) { self.db = db; self.cache = nil }

    /// A catalog that reads through `cache`, and fills it.
    public init(_ db: Connection, cache: Cache?) { self.db = db; self.cache = cache }

    /// The code of the default policy (`uz` unless changed).
    public func defaultCode() throws -> String {
        if let known = cache?.defaultCode { return known }
        let rows = try db.query("SELECT code FROM policies WHERE is_default")
        let code = try rows.first?.decode(column: 0, as: String.self) ?? "uz"
        cache?.defaultCode = code
        return code
    }

    /// Every policy code, in order.
    public func codes() throws -> [String] {
        if let known = cache?.codes { return known }
        let codes = try db.query("SELECT code FROM policies ORDER BY is_default DESC, code").map {
            try $0.decode(column: 0, as: String.self)
        }
        cache?.codes = codes
        return codes
    }

    /// Loads one policy with its rules and calendar, or throws `notFound`.
    public func load(_ code: String) throws -> Entry {
        if let known = cache?.entries[code] { return known }
        let entry = try read(code)
        cache?.entries[code] = entry
        return entry
    }

    func read(_ code: String) throws -> Entry {
        let rows = try db.query(
            "SELECT name, time_zone, calendar, authority, is_default FROM policies WHERE code = \(code)")
        guard let row = rows.first else {
            let known = (try? codes().joined(separator: ", ")) ?? ""
            throw StoreError(.policyNotFound, policy: code, detail: known)
        }
        let (name, zone, calendarCode, authority, isDefault) = try row.decode((String, String, String, String, Bool).self)
        var rules: [Right: DeadlineRule] = [:]
        var withdrawalRule: DeadlineRule?
        for rule in try db.query(
            """
            SELECT kind, period_count, period_unit, counting_start, identity_pauses_clock,
                   extension_count, extension_unit, source, basis, clarification_clock, consent_withdrawal, extension_basis
            FROM policy_rules WHERE policy = \(code)
            """)
        {
            let (kind, count, unit, start, pauses, extCount, extUnit, source, basisText, clockText, withdrawal) =
                try rule.decode((Right, Int, String, String, Bool, Int?, String?, String, String, String, Bool).self)
            let extensionBasisText: String? = try rule.decode(column: 11)
            guard let periodUnit = PeriodUnit(rawValue: unit), let counting = CountingStart(rawValue: start),
                let basis = RuleBasis(rawValue: basisText), let clock = ClarificationClock(rawValue: clockText)
            else {
                throw StoreError(.policyRuleUnreadable, policy: code)
            }
            var maxExtension: Period?
            if let extCount, let extUnit, let unit = PeriodUnit(rawValue: extUnit) { maxExtension = Period(extCount, unit) }
            let parsed = DeadlineRule(
                right: kind, period: Period(count, periodUnit), countingStart: counting,
                identityPausesClock: pauses, maxExtension: maxExtension, source: source, basis: basis,
                clarificationClock: clock, extensionBasis: extensionBasisText.flatMap(RuleBasis.init(rawValue:)))
            if withdrawal { withdrawalRule = parsed } else { rules[kind] = parsed }
        }
        let policy = DeadlinePolicy(code: code, name: name, timeZoneIdentifier: zone, calendarName: calendarCode, rules: rules,
                                    consentWithdrawalRule: withdrawalRule)
        return Entry(policy: policy, calendar: try calendar(calendarCode), authority: authority, isDefault: isDefault)
    }

    /// Loads a working-day calendar with its holidays.
    public func calendar(_ code: String) throws -> WorkingCalendar {
        if let known = cache?.calendars[code] { return known }
        let calendar = try readCalendar(code)
        cache?.calendars[code] = calendar
        return calendar
    }

    func readCalendar(_ code: String) throws -> WorkingCalendar {
        let rows = try db.query("SELECT weekend, coalesce(entries_of, code) FROM calendars WHERE code = \(code)")
        guard let row = rows.first else { throw StoreError(.calendarNotFound, name: code) }
        let (weekendText, entriesOf) = try row.decode((String, String).self)
        guard let weekend = WeekendPattern(rawValue: weekendText) else {
            throw StoreError(.calendarUnreadable, name: code, value: weekendText)
        }
        return WorkingCalendar(name: code, weekend: weekend, entries: try CalendarStore.entries(db, of: entriesOf))
    }
}
