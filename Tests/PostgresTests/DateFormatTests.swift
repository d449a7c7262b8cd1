import Foundation
import Testing
@testable import Postgres

@Suite struct DateFormatTests {
    /// Timestamps as the server reads them (expected values from Python's datetime), and back.
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000000Z"),
        (-0.5, "1969-12-31T23:59:59.500000Z"),
        (1_775_000_000.123456, "2026-03-31T23:33:20.123456Z"),
        (1_772_428_500, "2026-03-02T05:15:00.000000Z"),
        (951_782_399.999999, "2000-02-28T23:59:59.999999Z"),
        (4_102_444_799.999999, "2099-12-31T23:59:59.999999Z"),
        (-62_135_596_800, "0001-01-01T00:00:00.000000Z"),
    ] as [(Double, String)])
    func timestampsAreWrittenDigitByDigit(seconds: Double, expected: String) {
        #expect(PostgresDateFormat.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
        #expect(PostgresDateFormat.parse(expected).map { abs($0.timeIntervalSince1970 - seconds) < 1e-5 } == true)
    }
}
