import DeskCore
import Foundation
import Testing

@Suite struct OutboxRetryPolicyTests {
    @Test func backoffDoublesUpToTheCapAndGivesUpAfterTheLastTry() throws {
        let policy = OutboxRetryPolicy(maximumAttempts: 5, firstDelay: 60, maximumDelay: 300)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let delays = (1...4).map { attempt in policy.nextAttempt(after: attempt, at: now).map { $0.timeIntervalSince(now) } }
        #expect(delays == [60, 120, 240, 300])
        #expect(policy.nextAttempt(after: 5, at: now) == nil)
        #expect(OutboxRetryPolicy.standard.nextAttempt(after: 1, at: now) == now.addingTimeInterval(60))
    }

    @Test func onlyLettersThatDidNotGoOutOrFailedCanBeRetried() {
        #expect(OutboxStatus.allCases.filter(\.isRetryable) == [.failed, .bounced, .uncertain, .cancelled])
    }
}
