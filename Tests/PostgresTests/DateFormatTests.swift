import Foundation
import Testing
@testable import Postgres

@Suite struct DateFormatTests {
    /// The digit-by-digit timestamp is what the `String(format:)` one it replaced wrote.
    @Test(arguments: [0.0, -0.5, 1_775_000_000.123456, 1_772_428_500, 951_782_400 - 1e-6, 4_102_444_799.999999, -62_135_596_800])
    func timestampsAreWrittenAsBefore(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let micros = Int64((seconds * 1_000_000).rounded())
        var whole = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; whole -= 1 }
        var days = whole / 86_400
        var second = whole % 86_400
        if second < 0 { second += 86_400; days -= 1 }
        let (y, m, d) = PostgresDateFormat.civil(fromDays: days)
        let expected = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m, d, Int(second / 3600), Int(second % 3600 / 60),
            Int(second % 60), Int(fraction))
        #expect(PostgresDateFormat.timestamp(date) == expected)
        #expect(PostgresDateFormat.parse(expected).map { abs($0.timeIntervalSince1970 - seconds) < 1e-5 } == true)
    }
}
