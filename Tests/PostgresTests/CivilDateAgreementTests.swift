import DeskCore
import Testing
@testable import Postgres

/// The civil-date arithmetic lives twice: in `DeskCore.LocalDate` (due dates) and in
/// `PostgresDateFormat` (the wire format), because `Postgres` must not depend on `DeskCore`.
/// `LocalDate` is the reference; the wire format's copy must agree with it on every day.
@Suite struct CivilDateAgreementTests {
    /// Every day from 0001-01-01 to 9999-12-31 (about 3.65 million days), both directions.
    @Test func everyDayOfTheFourDigitYearsAgrees() {
        let first = LocalDate(year: 1, month: 1, day: 1)?.daysSinceEpoch ?? 0
        let last = LocalDate(year: 9999, month: 12, day: 31)?.daysSinceEpoch ?? 0
        #expect(first < -700_000 && last > 2_900_000)
        var mismatches: [Int] = []
        for days in first...last {
            let reference = LocalDate(daysSinceEpoch: days)
            let (y, m, d) = PostgresDateFormat.civil(fromDays: Int64(days))
            let back = PostgresDateFormat.days(fromCivil: reference.year, reference.month, reference.day)
            if (y, m, d) != (reference.year, reference.month, reference.day) || back != Int64(days) {
                mismatches.append(days)
                if mismatches.count > 5 { break }
            }
        }
        #expect(mismatches.isEmpty, "days since 1970 where the two disagree: \(mismatches)")
    }

    /// A few dates known independently (Python's `date.toordinal() - 719163`).
    @Test(arguments: [
        (1970, 1, 1, 0), (2000, 2, 29, 11_016), (2026, 12, 1, 20_788), (1969, 12, 31, -1), (1, 1, 1, -719_162),
        (9999, 12, 31, 2_932_896),
    ])
    func knownDays(year: Int, month: Int, day: Int, days: Int) {
        #expect(PostgresDateFormat.days(fromCivil: year, month, day) == Int64(days))
        #expect(LocalDate(year: year, month: month, day: day)?.daysSinceEpoch == days)
    }
}
