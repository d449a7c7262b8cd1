import DeskProgram
import Foundation
import Testing

/// `DSAR_NOW` is the one clock of every program: an ISO 8601 instant, else the real time.
struct DeskClockTests {
    @Test func dsarNowFixesTheTime() throws {
        let now = try DeskClock.now(environment: ["DSAR_NOW": "2026-11-21T10:00:00+05:00"])
        #expect(now == Date(timeIntervalSince1970: 1_795_237_200))
    }

    @Test func anUnreadableDsarNowIsBadInput() {
        #expect(throws: DeskFailure.self) { try DeskClock.now(environment: ["DSAR_NOW": "tomorrow"]) }
        do {
            _ = try DeskClock.now(environment: ["DSAR_NOW": "tomorrow"])
        } catch {
            #expect(error.exitCode == DeskFailure.badInput)
        }
    }
}
