public import DeskCore
public import Foundation
public import Postgres

/// The dated entries of the working-day calendars (`dsar calendar`): days off and extra working
/// days, per week pattern; changes are audited.
///
/// A calendar with `entries_of` (the Uzbek six-day week `UZ-6` reads `UZ`) shares its entries:
/// adding to either writes to the shared table, and `--week` says which week an entry is for.
public struct CalendarStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The calendar a policy counts working days on.
    public func calendarCode(forPolicy policy: String) throws -> String {
        try PolicyCatalog(db).load(policy).policy.calendarName
    }

    /// The calendar whose table holds `calendar`'s entries (itself, or the one it reads).
    public func entriesOwner(_ calendar: String) throws -> String {
        let rows = try db.query("SELECT coalesce(entries_of, code) FROM calendars WHERE code = \(calendar)")
        guard let owner = try rows.first?.decode(column: 0, as: String.self) else {
            let known = try db.query("SELECT code FROM calendars ORDER BY code").map { try $0.decode(column: 0, as: String.self) }
            throw StoreError(.calendarNotFound, name: calendar, detail: known.joined(separator: ", "))
        }
        return owner
    }

    /// Every entry stored under `code` (for both weeks), optionally of one year, in date order.
    static func entries(_ db: Connection, of code: String, year: Int? = nil) throws -> [CalendarEntry] {
        try db.query(
            """
            SELECT day, name, kind, week, expected FROM holidays
            WHERE calendar = \(code) AND (\(year)::int IS NULL OR extract(year FROM day) = \(year))
            ORDER BY day, week
            """
        ).map { row in
            let (day, name, kindText, weekText, expected) = try row.decode((LocalDate, String, String, String, Bool).self)
            guard let kind = CalendarEntry.Kind(rawValue: kindText), let week = CalendarEntry.Week(rawValue: weekText) else {
                throw StoreError(.calendarEntryUnreadable, name: code, day: day)
            }
            return CalendarEntry(day, name, kind: kind, week: week, expected: expected)
        }
    }

    /// The entries that apply to `calendar` (its week pattern), optionally of one year.
    public func entries(calendar: String, year: Int?) throws -> [CalendarEntry] {
        let working = try PolicyCatalog(db).calendar(calendar)
        return try Self.entries(db, of: try entriesOwner(calendar), year: year).filter { $0.week.applies(to: working.weekend) }
    }

    /// Adds (or replaces) the entry of `entry.day` for `entry.week`. An entry for both weeks
    /// replaces the day's entries; one for a single week leaves the other week's meaning as it was.
    public func add(calendar: String, entry: CalendarEntry, actor: String, now: Date) throws {
        try db.withTransaction { db in
            let owner = try CalendarStore(db).entriesOwner(calendar)
            try Self.narrow(db, owner: owner, day: entry.day, week: entry.week)
            try db.execute(
                """
                INSERT INTO holidays (calendar, day, name, kind, week, expected)
                VALUES (\(owner), \(entry.day), \(entry.name), \(entry.kind.rawValue), \(entry.week.rawValue), \(entry.expected))
                ON CONFLICT (calendar, day, week) DO UPDATE
                    SET name = excluded.name, kind = excluded.kind, expected = excluded.expected
                """)
            try AuditLog(db).append(
                .holidayAdded(calendar: owner, day: entry.day, kind: entry.kind.rawValue, week: entry.week.rawValue),
                requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
        }
    }

    /// Removes the entries of a day (for `week` only when given); `notFound` when there is none.
    public func remove(calendar: String, day: LocalDate, week: CalendarEntry.Week = .both, actor: String, now: Date) throws {
        try db.withTransaction { db in
            let owner = try CalendarStore(db).entriesOwner(calendar)
            let narrowed = try Self.narrow(db, owner: owner, day: day, week: week)
            let removed = try db.execute(
                "DELETE FROM holidays WHERE calendar = \(owner) AND day = \(day) AND week = \(week.rawValue)")
            guard narrowed + removed > 0 else {
                throw StoreError(.calendarEntryNotFound, name: owner, value: week == .both ? nil : "\(week.rawValue)", day: day)
            }
            try AuditLog(db).append(
                .holidayRemoved(calendar: owner, day: day, week: week.rawValue),
                requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
        }
    }

    /// Makes room for an entry of `week` on `day`: for both weeks the day's rows go; for one week
    /// a row for both weeks is kept for the other week only.
    @discardableResult
    static func narrow(_ db: Connection, owner: String, day: LocalDate, week: CalendarEntry.Week) throws -> Int {
        switch week {
        case .both:
            return try db.execute("DELETE FROM holidays WHERE calendar = \(owner) AND day = \(day) AND week <> 'both'")
        case .five, .six:
            let other = week == .five ? CalendarEntry.Week.six : .five
            let dropped = try db.execute(
                """
                DELETE FROM holidays WHERE calendar = \(owner) AND day = \(day) AND week = \(other.rawValue)
                  AND EXISTS (SELECT FROM holidays WHERE calendar = \(owner) AND day = \(day) AND week = 'both')
                """)
            return try dropped + db.execute(
                "UPDATE holidays SET week = \(other.rawValue) WHERE calendar = \(owner) AND day = \(day) AND week = 'both'")
        }
    }
}
