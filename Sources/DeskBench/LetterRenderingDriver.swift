import DeskCore
import DeskStore
import Foundation
import LetterDesk
import Letters
import Postgres

/// Renders letters to files the way `LetterProducer.produce` renders them — context from the
/// stored request (`LetterContextBuilder`), `LetterRenderer`, the verification footer over the
/// body's SHA-256 — without recording them, so that what is measured is the rendering and the
/// writing, not the database.
///
/// The facts of a sample of stored requests are read first (not timed); the letter for each is
/// the one its state calls for (acknowledgement while open, the fulfilled letter, the refusal on
/// its ground, …), in the requester's language; the timed part cycles through them.
enum LetterRenderingDriver {
    /// One letter to render, with everything it needs.
    struct Job {
        let kind: LetterKind
        let language: Language
        let context: LetterContext
    }

    /// Settings letters need, used only where the desk has none (a synthetic desk has none).
    static let fallbackSettings = [
        "organisation.name": "Bench Organisation LLC", "organisation.address": "1 Amir Temur Avenue, Tashkent",
        "dpo.name": "Bench DPO", "dpo.email": "dpo@example.org",
    ]

    /// The letter a request in `request.state` would get (SPEC §6).
    static func letterName(for request: StoredRequest) -> String {
        switch request.state {
        case .fulfilled, .lifted: return "fulfilled"
        case .partiallyFulfilled: return "partially_fulfilled"
        case .refused: return "refusal"
        case .withdrawn: return "withdrawal_confirmation"
        default: return request.isExtended ? "extension_notice" : "acknowledgement"
        }
    }

    /// Jobs for up to `sample` requests spread over the desk, and how many requests were skipped
    /// because their stored facts cannot be read (`LetterStore` refuses them, as `dsar letter`
    /// would). Requests whose letter cannot be written (a missing note, say) are left out too.
    static func jobs(_ db: Connection, sample: Int, now: Date) throws -> (jobs: [Job], unreadable: Int) {
        let total = try ClaimLoopDriver.count(db, "SELECT count(*) FROM requests")
        let step = max(1, total / max(sample, 1))
        let references = try db.query(
            "SELECT reference FROM requests WHERE id % \(step) = 0 ORDER BY id LIMIT \(sample)"
        ).map { row -> String in try row.decode(column: 0) }
        let store = RequestStore(db)
        let letters = LetterStore(db)
        let catalog = PolicyCatalog(db)
        var policies: [String: PolicyCatalog.Entry] = [:]
        let settings = try SettingsStore(db).values().merging(fallbackSettings) { stored, _ in stored }
        var jobs: [Job] = []
        var unreadable = 0
        for reference in references {
            let request = try store.find(reference)
            let policy = try policies[request.policy] ?? catalog.load(request.policy)
            policies[request.policy] = policy
            let evidence: [Evidence]
            do {
                evidence = try letters.evidence(request.id)
            } catch let error as StoreError where error.code == .evidenceUnreadable {
                unreadable += 1
                continue
            }
            let facts = LetterFacts(
                request: request, policy: policy, settings: settings, evidence: evidence,
                extensionReason: try letters.extensionReason(request.id),
                clarificationQuestion: try letters.clarificationQuestion(request.id))
            guard let kind = try? LetterProducer.kind(named: letterName(for: request), for: request),
                  let context = try? LetterContextBuilder.context(
                      for: kind, language: request.requester.language, facts: facts,
                      today: LocalDate(now, in: policy.timeZone))
            else { continue }
            jobs.append(Job(kind: kind, language: request.requester.language, context: context))
        }
        return (jobs, unreadable)
    }

    /// Renders `count` letters from `jobs` (cycling) into `directory`, one `.txt` file each,
    /// letters `i` with `i % threads == t` on thread `t`.
    static func render(
        _ jobs: [Job], count: Int, threads: Int, renderer: LetterRenderer, into directory: URL
    ) throws -> [LetterKind: Int] {
        guard !jobs.isEmpty else { return [:] }
        let results = Results()
        let done = DispatchGroup()
        for thread in 0..<max(threads, 1) {
            done.enter()
            Thread {
                defer { done.leave() }
                do {
                    var kinds: [LetterKind: Int] = [:]
                    for index in stride(from: thread, to: count, by: max(threads, 1)) {
                        let job = jobs[index % jobs.count]
                        try renderOne(job, index: index, renderer: renderer, into: directory)
                        kinds[job.kind, default: 0] += 1
                    }
                    results.add(kinds)
                } catch {
                    results.fail(error)
                }
            }.start()
        }
        done.wait()
        return try results.kinds()
    }

    /// One letter as `LetterProducer.produce` renders it, written to `letter-<index>.txt`.
    static func renderOne(_ job: Job, index: Int, renderer: LetterRenderer, into directory: URL) throws {
        let rendered = try renderer.render(job.kind, language: job.language, context: job.context)
        let code = VerificationCode.code(sha256Hex: SHA256.hex(rendered.text))
        let signed = rendered.appendingFooter(LetterRenderer.footer(verificationCode: code, language: job.language))
        try Data(signed.text.utf8).write(to: directory.appendingPathComponent("letter-\(index).txt"))
    }

    /// What the rendering threads report; every access holds the lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [LetterKind: Int] = [:]
        private var failure: (any Error)?

        func add(_ kinds: [LetterKind: Int]) {
            lock.lock()
            defer { lock.unlock() }
            counts.merge(kinds, uniquingKeysWith: +)
        }

        func fail(_ error: any Error) {
            lock.lock()
            defer { lock.unlock() }
            failure = failure ?? error
        }

        func kinds() throws -> [LetterKind: Int] {
            lock.lock()
            defer { lock.unlock() }
            if let failure { throw failure }
            return counts
        }
    }
}
