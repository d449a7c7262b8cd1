import DeskCore
import Foundation
import Postgres

/// Holidays of the working-day calendars (`dsar calendar`); changes are audited.
public struct CalendarStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The calendar a policy counts working days on.
    public func calendarCode(forPolicy policy: String) throws -> String {
        try PolicyCatalog(db).load(policy).policy.calendarName
    }

    /// The holidays of a calendar, optionally of one year, in date order.
    public func holidays(calendar: String, year: Int?) throws -> [(day: LocalDate, name: String)] {
        _ = try PolicyCatalog(db).calendar(calendar)
        return try db.query(
            """
            SELECT day, name FROM holidays
            WHERE calendar = \(calendar) AND (\(year)::int IS NULL OR extract(year FROM day) = \(year))
            ORDER BY day
            """
        ).map { row in
            let (day, name) = try row.decode((LocalDate, String).self)
            return (day: day, name: name)
        }
    }

    /// Adds (or renames) a holiday.
    public func add(calendar: String, day: LocalDate, name: String, actor: String, now: Date) throws {
        try db.withTransaction { db in
            _ = try PolicyCatalog(db).calendar(calendar)
            try db.execute(
                """
                INSERT INTO holidays (calendar, day, name) VALUES (\(calendar), \(day), \(name))
                ON CONFLICT (calendar, day) DO UPDATE SET name = excluded.name
                """)
            try AuditLog(db).append(
                .holidayAdded(calendar: calendar, day: day), requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
        }
    }

    /// Removes a holiday; `notFound` when there is none on that day.
    public func remove(calendar: String, day: LocalDate, actor: String, now: Date) throws {
        try db.withTransaction { db in
            let removed = try db.execute("DELETE FROM holidays WHERE calendar = \(calendar) AND day = \(day)")
            guard removed == 1 else {
                throw StoreError.notFound("The calendar \(calendar) has no holiday on \(day.iso); see `dsar calendar list`.")
            }
            try AuditLog(db).append(
                .holidayRemoved(calendar: calendar, day: day), requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
        }
    }
}
