import ArgumentParser
import DeskCore
import DeskStore

extension Dsar.Calendar {
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
}
