import ArgumentParser
import DeskCore
import DeskStore

extension Dsar.Calendar {
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
}
