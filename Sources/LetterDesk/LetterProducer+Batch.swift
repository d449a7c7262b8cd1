import DeskCore
public import DeskStore
public import Foundation
import Letters
import Postgres

extension LetterProducer {
    /// The acknowledgement of each of `requests`, just created by the intake in this transaction:
    /// rendered on every core, with ids, verification codes and Message-IDs chosen, ready for
    /// `IntakeBatchWriter` to record — the letters `produce(.acknowledgement, …)` would record one
    /// request after the other (`.eml` when the requester has an address, else text).
    ///
    /// The desk's settings, policies and the requesters' original Message-IDs are read once for the
    /// batch. A new request has no evidence, extension or clarification yet, so none is read.
    public func acknowledgements(for requests: [StoredRequest], now: Date) throws -> [PreparedLetter] {
        guard !requests.isEmpty else { return [] }
        let settings = try SettingsStore(db).values()
        let catalog = PolicyCatalog(db)
        var policies: [String: PolicyCatalog.Entry] = [:]
        let messageRows = requests.compactMap(\.messageID).map(String.init)
        var originals: [Int64: String] = [:]
        for row in try db.query(
            "SELECT id, message_id FROM messages WHERE id = ANY(\(PostgresTextArray(messageRows))::bigint[]) AND message_id IS NOT NULL")
        {
            let (id, messageID) = try row.decode((Int64, String).self)
            originals[id] = messageID
        }
        var jobs: [(LetterFacts, LetterFormat)] = []
        jobs.reserveCapacity(requests.count)
        for request in requests {
            try LetterEligibility.check(.acknowledgement, for: request)
            let policy = try policies[request.policy] ?? catalog.load(request.policy)
            policies[request.policy] = policy
            let facts = LetterFacts(
                request: request, policy: policy, settings: settings,
                originalMessageID: request.channel == .email ? request.messageID.flatMap { originals[$0] } : nil)
            jobs.append((facts, request.requester.email == nil ? .text : .eml))
        }

        let rendered = try Self.renderAll(jobs, now: now, renderer: renderer)
        let letters = LetterStore(db)
        let ids = try letters.reserveIDs(rendered.count)
        let codes = try letters.freeVerificationCodes(sha256s: rendered.map(\.sha256))
        let composer = EmailComposer(domain: Self.mailDomain(settings))
        return requests.indices.map { index in
            let (letter, sha256) = rendered[index]
            let messageID = jobs[index].1 == .eml
                ? composer.makeMessageID(reference: requests[index].reference, letterID: String(ids[index])) : nil
            return PreparedLetter(id: ids[index], letter: letter, verificationCode: codes[index], messageID: messageID, sha256: sha256)
        }
    }

    /// The acknowledgement of every job with the SHA-256 of its text, in order, rendered on every
    /// core (each thread takes every n-th job and writes only its own slots).
    static func renderAll(
        _ jobs: [(LetterFacts, LetterFormat)], now: Date, renderer: LetterRenderer
    ) throws -> [(letter: NewLetter, sha256: String)] {
        typealias Rendered = (letter: NewLetter, sha256: String)
        @Sendable func render(_ job: (LetterFacts, LetterFormat)) -> Result<Rendered, any Error> {
            Result {
                // The text alone: the HTML page of a recorded letter is never stored.
                let letter = try Self.newLetter(
                    .acknowledgement, facts: job.0, language: nil, format: job.1, recipientName: nil, now: now
                ) {
                    try renderer.renderText(.acknowledgement, language: $0, context: $1)
                }
                return (letter, letter.sha256)
            }
        }
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard threads > 1, jobs.count >= 2 * threads else { return try jobs.map { try render($0).get() } }
        struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<Result<Rendered, any Error>?> }
        let slots = Slots(base: .allocate(capacity: jobs.count))
        slots.base.initialize(repeating: nil, count: jobs.count)
        defer {
            slots.base.deinitialize(count: jobs.count)
            slots.base.deallocate()
        }
        struct Shared: @unchecked Sendable { let jobs: [(LetterFacts, LetterFormat)] }
        let shared = Shared(jobs: jobs)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var index = thread
            while index < shared.jobs.count {
                slots.base[index] = render(shared.jobs[index])
                index += threads
            }
        }
        return try (0..<jobs.count).map { index in
            guard let result = slots.base[index] else { throw StoreError(.letterNotRendered) }
            return try result.get()
        }
    }
}
