public import DeskCore
import DeskStore
public import Foundation
public import MailTransport
public import Postgres

/// Sends letters of the outbox over SMTP on one connection (SPEC §6).
///
/// Each letter: its lock taken and `sending` committed, the dialogue, then `sent` with the
/// server's reply and a `letter_sent` event, or the failure: a 4xx reply is tried again later
/// with backoff (`OutboxRetryPolicy`), a 5xx reply fails at once, a broken dialogue leaves the
/// letter `uncertain`. A failure that concerns the server rather than the letter (login refused,
/// certificate, no connection) puts the letter back untouched and stops the run.
public final class OutboxSender {
    /// What happened to one letter.
    public struct Outcome: Sendable, Hashable {
        public let id: Int64
        public let reference: String
        public let status: OutboxStatus
        /// The server's reply or the reason.
        public let detail: String
    }

    let store: OutboxStore
    let smtp: SMTPClient
    let policy: OutboxRetryPolicy
    let actor: String
    let clock: @Sendable () -> Date

    public init(db: Connection, smtp: SMTPClient, policy: OutboxRetryPolicy = .standard, actor: String,
                clock: @escaping @Sendable () -> Date) {
        store = OutboxStore(db)
        self.smtp = smtp
        self.policy = policy
        self.actor = actor
        self.clock = clock
    }

    /// The letters due now (`dsar outbox send --all`).
    public func dueLetters() throws -> [Int64] {
        try store.recoverAbandoned()
        return try store.due(at: clock())
    }

    /// Letters claimed (and later recorded) together: one commit for `sending`, one for the
    /// outcomes. A sender that dies in between leaves at most this many letters `uncertain`.
    public var groupSize = 25

    /// Tries each letter once, in order; `progress` sees each outcome. Letters not queued (or
    /// taken by another sender) are skipped. Throws the server's error when the run had to stop.
    public func send(_ ids: [Int64], progress: (Outcome) -> Void = { _ in }) throws -> [Outcome] {
        try store.recoverAbandoned()
        var outcomes: [Outcome] = []
        var start = 0
        while start < ids.count {
            let group = Array(ids[start..<min(start + groupSize, ids.count)])
            start += group.count
            let deliveries = try store.claim(group, now: clock())
            var tries: [(OutboxDelivery, OutboxStore.TryResult)] = []
            var stop: MailTransportError?
            for delivery in deliveries {
                if let stop {
                    tries.append((delivery, .notAttempted(stop.serverReply ?? stop.curlMessage)))
                    continue
                }
                let result: OutboxStore.TryResult
                do {
                    let reply = try smtp.send(delivery.message, from: delivery.sender, to: [delivery.recipient])
                    result = reply.code / 100 == 2 ? .accepted(reply.text) : .uncertain("unexpected reply: \(reply.text)")
                } catch {
                    let classified = classify(error, attempt: delivery.attempt)
                    result = classified.0
                    stop = classified.1
                }
                tries.append((delivery, result))
            }
            try store.finish(tries, actor: actor, now: clock())
            for (delivery, result) in tries {
                let outcome = Outcome(id: delivery.id, reference: delivery.reference, status: Self.status(of: result),
                                      detail: Self.detail(of: result))
                outcomes.append(outcome)
                progress(outcome)
            }
            if let stop { throw stop }
        }
        return outcomes
    }

    private func classify(_ error: MailTransportError, attempt: Int) -> (OutboxStore.TryResult, MailTransportError?) {
        let reply = error.serverReply ?? error.curlMessage
        switch error.kind {
        case .temporary:
            return (.temporary(reply, nextAttempt: policy.nextAttempt(after: attempt, at: clock())), nil)
        case .permanent:
            return (.permanent(reply), nil)
        case .authentication, .certificate, .tlsRequired, .folder, .other:
            return (.notAttempted(reply), error)
        case .connection:
            // No connection at all: nothing was handed over. A dialogue that broke: maybe it was.
            let neverConnected = error.curlCode == 6 || error.curlCode == 7
            return neverConnected ? (.notAttempted(reply), error) : (.uncertain(reply), nil)
        }
    }

    private static func status(of result: OutboxStore.TryResult) -> OutboxStatus {
        switch result {
        case .accepted: .sent
        case .temporary(_, let next): next == nil ? .failed : .queued
        case .permanent: .failed
        case .uncertain: .uncertain
        case .notAttempted: .queued
        }
    }

    private static func detail(of result: OutboxStore.TryResult) -> String {
        switch result {
        case .accepted(let text), .permanent(let text), .uncertain(let text), .notAttempted(let text): text
        case .temporary(let text, let next):
            next.map { "\(text); next try \(ISO8601DateFormatter().string(from: $0))" } ?? "\(text); no tries left"
        }
    }
}
