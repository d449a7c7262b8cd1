import ArgumentParser
import DeskCore
import DeskStore

extension Dsar.Calendar {
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
            _ = try Dsar.Calendar.day(date)
            try InputRules.checkName(name, option: "NAME")
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let code = try selection.calendarCode(session)
            let week = try weekOption.parsed()
            let entry = CalendarEntry(try Dsar.Calendar.day(date), name, kind: workingDay ? .workingDay : .dayOff, week: week,
                                      expected: expected)
            try CalendarStore(session.db).add(calendar: code, entry: entry, actor: session.actor, now: session.now)
            let what = workingDay ? "working day" : "day off"
            let weeks = week == .both ? "" : " for the \(week.rawValue)-day week"
            print("Added \(date) (\(name)) to calendar \(code) as a \(what)\(weeks).")
        }
    }
}
