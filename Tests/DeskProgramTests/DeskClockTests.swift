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

/// The portal's clock reads `DSAR_NOW` once, like `dsar` does per command.
struct ServerClockTests {
    @Test func theServerClockHonoursDsarNow() throws {
        let clock = try DeskClock.clock(environment: ["DSAR_NOW": "2026-11-21T10:00:00+05:00"])
        #expect(clock() == Date(timeIntervalSince1970: 1_795_237_200))
        #expect(throws: DeskFailure.self) { try DeskClock.clock(environment: ["DSAR_NOW": "soon"]) }
        let real = try DeskClock.clock(environment: [:])
        #expect(abs(real().timeIntervalSinceNow) < 60)
    }
}
