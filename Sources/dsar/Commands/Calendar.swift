import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar calendar …`
    struct Calendar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar",
            abstract: "List, add and remove the days off and extra working days that deadlines count with.",
            discussion: """
                An entry is an extra day off (a holiday or a transferred day off) or, with --working-day, a rest \
                day that is worked in exchange; --week 5 or --week 6 makes it apply to the five-day or the \
                six-day week only (default: both). The Uzbek six-day week (calendar UZ-6) shares the entries \
                of UZ. Enter each year's decree when it is published; dates not yet decreed are shipped as \
                expected. Due dates already set are not recomputed.

                Example:
                  dsar calendar add 2026-12-31 "Qoʻshimcha dam olish kuni"
                  dsar calendar add 2026-12-12 "Ish kuni (dam olish kuni 31-dekabrga koʻchirilgan)" --working-day --week 5
                  dsar calendar list --year 2026
                  dsar calendar list --calendar UZ-6 --year 2026
                """,
            subcommands: [List.self, Add.self, Remove.self])

        /// Which calendar: `--calendar`, else the one of `--policy` (default: the desk's default policy).
        struct Selection: ParsableArguments {
            @Option(help: "The policy whose calendar is meant (default: the desk's default policy).") var policy: String?
            @Option(help: "A calendar by its code (UZ, UZ-6, RU, EU) instead of a policy's.") var calendar: String?

            func validate() throws {
                if policy != nil && calendar != nil {
                    throw ValidationError("Give --policy or --calendar, not both.")
                }
            }

            func calendarCode(_ session: DeskSession) throws -> String {
                if let calendar { return calendar }
                let catalog = PolicyCatalog(session.db)
                return try CalendarStore(session.db).calendarCode(forPolicy: try policy ?? catalog.defaultCode())
            }
        }

        /// `--week 5|6`.
        struct WeekOption: ParsableArguments {
            @Option(help: "5 or 6: only for the five-day or the six-day week (default: both).") var week: Int?

            func validate() throws { _ = try parsed() }

            func parsed() throws -> CalendarEntry.Week {
                switch week {
                case nil: return .both
                case 5: return .five
                case 6: return .six
                case let other?: throw ValidationError("--week is 5 (five-day week) or 6 (six-day week), not \(other).")
                }
            }
        }

        static func day(_ text: String) throws -> LocalDate {
            guard let day = LocalDate(iso: text), day.year >= 2019, day.year <= 2100 else {
                throw ValidationError("\(text.prefix(20)) is not a date between 2019 and 2100; use YYYY-MM-DD.")
            }
            return day
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the days off and extra working days of a calendar.",
                discussion: "Example:\n  dsar calendar list --year 2026\n  dsar calendar list --policy ru --year 2026")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var selection: Selection
            @Option(help: "Only this year.") var year: Int?

            func run() throws {
                let session = try DeskSession.open(global)
                let code = try selection.calendarCode(session)
                let calendar = try PolicyCatalog(session.db).calendar(code)
                let week = calendar.weekend == .satSun ? "five-day week, Saturday and Sunday off" : "six-day week, Sunday off"
                print("Calendar \(code): \(week)")
                var table = TextTable(headers: ["date", "weekday", "kind", "week", "name"])
                let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                for entry in try CalendarStore(session.db).entries(calendar: code, year: year) {
                    let kind = entry.kind == .dayOff ? "day off" : "working day"
                    let weeks = entry.week == .both ? "5 and 6" : entry.week.rawValue
                    table.append([entry.day.iso, names[entry.day.weekday - 1], kind, weeks,
                                  entry.name + (entry.expected ? " (expected date)" : "")])
                }
                print(table.render())
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a day off or an extra working day (or rename one).",
                discussion: """
                    Example:
                      dsar calendar add 2027-03-10 "Ramazon hayiti"
                      dsar calendar add 2026-12-12 "Ish kuni" --working-day --week 5
                    """)
            @OptionGroup var global: GlobalOptions
            @OptionGroup var selection: Selection
            @OptionGroup var weekOption: WeekOption
            @Argument(help: "The date, YYYY-MM-DD.") var date: String
            @Argument(help: "The entry's name, e.g. the holiday or the decree's wording.") var name: String
            @Flag(help: "A rest day that is worked (in exchange for another day off).") var workingDay = false
            @Flag(help: "The date is expected, not yet fixed by its decree.") var expected = false

            func validate() throws {
                _ = try Calendar.day(date)
                try InputRules.checkName(name, option: "NAME")
            }

            func run() throws {
                let session = try DeskSession.open(global)
                let code = try selection.calendarCode(session)
                let week = try weekOption.parsed()
                let entry = CalendarEntry(try Calendar.day(date), name, kind: workingDay ? .workingDay : .dayOff, week: week,
                                          expected: expected)
                try CalendarStore(session.db).add(calendar: code, entry: entry, actor: session.actor, now: session.now)
                let what = workingDay ? "working day" : "day off"
                let weeks = week == .both ? "" : " for the \(week.rawValue)-day week"
                print("Added \(date) (\(name)) to calendar \(code) as a \(what)\(weeks).")
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a day off or an extra working day.",
                discussion: "Example:\n  dsar calendar remove 2026-03-20\n  dsar calendar remove 2026-12-12 --week 5")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var selection: Selection
            @OptionGroup var weekOption: WeekOption
            @Argument(help: "The date, YYYY-MM-DD.") var date: String

            func validate() throws { _ = try Calendar.day(date) }

            func run() throws {
                let session = try DeskSession.open(global)
                let code = try selection.calendarCode(session)
                try CalendarStore(session.db).remove(
                    calendar: code, day: try Calendar.day(date), week: try weekOption.parsed(), actor: session.actor, now: session.now)
                print("Removed \(date) from calendar \(code).")
            }
        }
    }
}
