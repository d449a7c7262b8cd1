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

        static func day(_ text: String) throws -> LocalDate {
            guard let day = LocalDate(iso: text), day.year >= 2019, day.year <= 2100 else {
                throw ValidationError("\(text.prefix(20)) is not a date between 2019 and 2100; use YYYY-MM-DD.")
            }
            return day
        }
    }
}
