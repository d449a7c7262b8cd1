import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar calendar …`
    struct Calendar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar",
            abstract: "List, add and remove the public holidays that deadlines skip.",
            discussion: """
                Movable holidays (Ramazon hayiti, Qurbon hayiti) and transferred days off are entered each \
                year when the decree is published. Due dates already set are not recomputed.

                Example:
                  dsar calendar add 2027-03-10 "Ramazon hayiti"
                  dsar calendar list --year 2027
                """,
            subcommands: [List.self, Add.self, Remove.self])

        /// Which calendar: the one of `--policy` (default: the desk's default policy).
        struct Selection: ParsableArguments {
            @Option(help: "The policy whose calendar is meant (default: the desk's default policy).") var policy: String?

            func calendarCode(_ session: DeskSession) throws -> String {
                let catalog = PolicyCatalog(session.db)
                return try CalendarStore(session.db).calendarCode(forPolicy: try policy ?? catalog.defaultCode())
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
                abstract: "List the holidays of a calendar.", discussion: "Example:\n  dsar calendar list --policy ru --year 2026")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var selection: Selection
            @Option(help: "Only this year.") var year: Int?

            func run() throws {
                let session = try DeskSession.open(global)
                let code = try selection.calendarCode(session)
                let calendar = try PolicyCatalog(session.db).calendar(code)
                print("Calendar \(code): weekend \(calendar.weekend.rawValue)")
                var table = TextTable(headers: ["date", "weekday", "name"])
                let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                for holiday in try CalendarStore(session.db).holidays(calendar: code, year: year) {
                    table.append([holiday.day.iso, names[holiday.day.weekday - 1], holiday.name])
                }
                print(table.render())
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a holiday (or rename one).", discussion: "Example:\n  dsar calendar add 2026-03-20 \"Ramazon hayiti\"")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var selection: Selection
            @Argument(help: "The date, YYYY-MM-DD.") var date: String
            @Argument(help: "The holiday's name.") var name: String

            func validate() throws {
                _ = try Calendar.day(date)
                try InputRules.checkName(name, option: "NAME")
            }

            func run() throws {
                let session = try DeskSession.open(global)
                let code = try selection.calendarCode(session)
                try CalendarStore(session.db).add(calendar: code, day: try Calendar.day(date), name: name, actor: session.actor, now: session.now)
                print("Added \(date) (\(name)) to calendar \(code).")
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a holiday.", discussion: "Example:\n  dsar calendar remove 2026-03-20")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var selection: Selection
            @Argument(help: "The date, YYYY-MM-DD.") var date: String

            func validate() throws { _ = try Calendar.day(date) }

            func run() throws {
                let session = try DeskSession.open(global)
                let code = try selection.calendarCode(session)
                try CalendarStore(session.db).remove(calendar: code, day: try Calendar.day(date), actor: session.actor, now: session.now)
                print("Removed \(date) from calendar \(code).")
            }
        }
    }
}
