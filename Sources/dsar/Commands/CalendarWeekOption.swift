import ArgumentParser
import DeskCore
import DeskStore

extension Dsar.Calendar {
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
}
