import ArgumentParser
import DeskCore
import DeskStore

extension Dsar.Calendar {
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a day off or an extra working day.",
            discussion: "Example:\n  dsar calendar remove 2026-03-20\n  dsar calendar remove 2026-12-12 --week 5")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection
        @OptionGroup var weekOption: WeekOption
        @Argument(help: "The date, YYYY-MM-DD.") var date: String

        func validate() throws { _ = try Dsar.Calendar.day(date) }

        func run() throws {
            let session = try DeskSession.open(global)
            let code = try selection.calendarCode(session)
            try CalendarStore(session.db).remove(
                calendar: code, day: try Dsar.Calendar.day(date), week: try weekOption.parsed(), actor: session.actor, now: session.now)
            print("Removed \(date) from calendar \(code).")
        }
    }
}
