import DeskCore
public import DeskStore
public import Foundation
public import MailIntake

/// `dsar intake import`: reads every source one message at a time, assesses it (MailIntake),
/// and stores it (IntakeStore) or, in a dry run, only says what would happen.
///
/// Memory stays flat: one message is in memory at a time. The dry run remembers the hashes and
/// Message-IDs it has seen so that a message repeated within the run is reported `duplicate`,
/// as the real import would.
public struct IntakeImporter {
    /// Where decisions come from.
    public enum Mode {
        /// Store every message (one transaction per batch of messages).
        case store(IntakeStore, actor: String, now: Date, hooks: IntakeStore.Hooks)
        /// Read the desk to detect duplicates and replies, write nothing.
        case dryRun(IntakeStore)
        /// No database reachable: the parser's own statuses only.
        case offline

        /// The store mode: messages are written.
        var writes: Bool {
            if case .store = self { return true }
            return false
        }
    }

    /// What one import did, for the summary line.
    public struct Summary: Sendable {
        public var messages = 0
        public var new = 0
        public var replies = 0
        public var duplicates = 0
        public var triage = 0
        public var quarantined = 0
        /// Requests created; in a dry run, those the run would create.
        public var requests = 0
        public var datesReplaced = 0

        /// Adds the counts of another run (the batches of `dsar intake fetch`).
        public mutating func add(_ other: Summary) {
            messages += other.messages
            new += other.new
            replies += other.replies
            duplicates += other.duplicates
            triage += other.triage
            quarantined += other.quarantined
            requests += other.requests
            datesReplaced += other.datesReplaced
        }
    }

    public let mode: Mode
    public let policy: String?
    public let now: Date
    public var limits: IntakeLimits = .standard
    /// Reads each message: `IntakeModels.classifier(db:)` gives the desk's model (else the shipped one).
    public var classifier = RightClassifier()

    /// Called after a batch is stored for each delivery report naming letters the desk sent
    /// (the outbox marks them bounced); nil in a dry run.
    public var onDeliveryReport: ((DeliveryReport) throws -> Void)? = nil

    /// Messages decided together: one transaction for a stored batch, three queries for a dry one.
    /// Small enough that a batch holds its year's reference counter (the one row a concurrent
    /// `dsar new` or portal submission also takes) only briefly and memory stays flat. 500 since
    /// session 9: on the 2,000-message acknowledgement benchmark (AMD EPYC, 2 cores, alternated,
    /// six runs each) 0.87 s median against 0.95 s for 200 and 0.91 s for 1,000; peak RSS 50 MiB.
    public var batchSize = 500

    /// One message read and assessed, waiting for its batch to be decided.
    struct Pending: Sendable {
        let source: String
        let assessment: IntakeAssessment
        let incoming: IntakeStore.Incoming
    }

    public init(mode: Mode, policy: String?, now: Date) {
        self.mode = mode
        self.policy = policy
        self.now = now
    }

    /// Imports `paths` in order, calling `emit` with the record of every message.
    ///
    /// Messages are read and assessed one by one and decided (stored) in batches of `batchSize`;
    /// `emit` sees a message once its batch is committed, in the order of the sources.
    public func run(
        _ paths: [String], progress: (any IntakeProgressReporting)?, emit: (IntakeRecord) throws -> Void
    ) throws -> Summary {
        let sources = paths.map { path in
            Source(name: path) { () throws(MailIntakeError) -> any MessageStream in try MailSource.open(path: path, limits: limits) }
        }
        return try run(sources: sources, progress: progress, emit: emit)
    }

    /// A source of messages: a name (a path, a folder URL) and how to open it.
    public struct Source {
        public let name: String
        public let open: () throws(MailIntakeError) -> any MessageStream

        public init(name: String, open: @escaping () throws(MailIntakeError) -> any MessageStream) {
            self.name = name
            self.open = open
        }
    }

    /// `run` over sources of any kind: files, or messages fetched over IMAP.
    public func run(
        sources: [Source], progress: (any IntakeProgressReporting)?, emit: (IntakeRecord) throws -> Void
    ) throws -> Summary {
        var summary = Summary()
        var seenHashes = Set<String>()
        var seenMessageIDs = Set<String>()
        var pending: [Pending] = []
        pending.reserveCapacity(batchSize)

        /// A message repeated within this run is a duplicate, as the real import would find it.
        func repeatedInRun(_ incoming: IntakeStore.Incoming) -> Bool {
            let repeated = seenHashes.contains(incoming.sha256)
                || (incoming.messageID.map { seenMessageIDs.contains($0) } ?? false)
            seenHashes.insert(incoming.sha256)
            if let id = incoming.messageID { seenMessageIDs.insert(id) }
            return repeated
        }

        func flush() throws {
            guard !pending.isEmpty else { return }
            let incomings = pending.map(\.incoming)
            var plans: [IntakeStore.Plan]
            var created: [[StoredRequest]] = Array(repeating: [], count: pending.count)
            var dateNotes: [String?] = Array(repeating: nil, count: pending.count)
            // The decision's reason where the plan carries none (a reply the desk could not check).
            var replyNotes: [String?] = Array(repeating: nil, count: pending.count)
            switch mode {
            case .store(let store, let actor, let now, let hooks):
                let stored = try store.store(
                    batch: incomings, policy: policy, actor: actor, now: now, hooks: hooks, decide: IntakeDecider.decide)
                plans = stored.map(\.plan)
                created = stored.map(\.requests)
                dateNotes = stored.map(\.receivedAtNote)
                if let onDeliveryReport {
                    for item in pending {
                        guard let raw = item.incoming.raw, let message = item.assessment.message,
                              let report = DeliveryReport.find(in: raw, message: message) else { continue }
                        try onDeliveryReport(report)
                    }
                }
            case .dryRun(let store):
                plans = try zip(incomings, store.facts(incomings)).map { incoming, read in
                    var facts = read
                    if repeatedInRun(incoming), facts.duplicateOf == nil { facts.duplicateOf = .earlierInBatch }
                    return IntakeDecider.decide(incoming, facts)
                }
            case .offline:
                plans = incomings.enumerated().map { index, incoming in
                    // Only the run itself is known: its own repeats; no reference can be checked.
                    let facts = IntakeStore.Facts(duplicateOf: repeatedInRun(incoming) ? .earlierInBatch : nil)
                    let knowledge = IntakeKnowledge(isDuplicate: facts.duplicateOf != nil, heldReferences: nil)
                    let decision = IntakeDecision.decide(IntakeDecider.evidence(incoming), knowing: knowledge)
                    replyNotes[index] = decision.status == .reply ? decision.reason : nil
                    return IntakeDecider.plan(decision, facts: facts)
                }
            }
            for (index, item) in pending.enumerated() {
                let incoming = item.incoming
                let plan = plans[index]
                if case .create = plan, !mode.writes {
                    dateNotes[index] = IntakeStore.receivedAt(sentAt: incoming.sentAt, now: now).note
                }
                var record = IntakeRecord(source: item.source, assessment: item.assessment)
                Self.apply(plan, created: created[index], note: dateNotes[index] ?? replyNotes[index], to: &record)
                Self.count(plan, created: mode.writes ? created[index].count : nil, dateNote: dateNotes[index], into: &summary)
                try emit(record)
                progress?.advance(bytes: incoming.sizeBytes)
            }
            pending.removeAll(keepingCapacity: true)
        }

        for source in sources {
            let path = source.name
            let stream: any MessageStream
            do {
                stream = try source.open()
            } catch {
                try flush()
                throw error.reading(path)
            }
            progress?.startSource(path)
            // The next batches are read and assessed while this one is stored.
            let batches = AssessedBatches(stream: stream, batchSize: batchSize, classifier: classifier, limits: limits)
            defer { batches.cancel() }
            while let batch = batches.next() {
                pending = batch
                try flush()
            }
        }
        progress?.finish()
        return summary
    }

    /// `read` for every item, in order, on every core: messages are assessed independently of
    /// each other, so a batch is shared between threads (each takes every n-th item).
    static func readAll(_ items: [MailItem], classifier: RightClassifier, limits: IntakeLimits) -> [Pending] {
        @Sendable func pending(_ item: MailItem) -> Pending {
            let (assessment, incoming) = read(item, classifier: classifier, limits: limits)
            return Pending(source: item.source, assessment: assessment, incoming: incoming)
        }
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard threads > 1, items.count >= 2 * threads else { return items.map(pending) }
        /// Each thread writes only its own slots.
        struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<Pending?> }
        let slots = Slots(base: .allocate(capacity: items.count))
        slots.base.initialize(repeating: nil, count: items.count)
        defer {
            slots.base.deinitialize(count: items.count)
            slots.base.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var index = thread
            while index < items.count {
                slots.base[index] = pending(items[index])
                index += threads
            }
        }
        return (0..<items.count).compactMap { slots.base[$0] }
    }

    /// Turns one item of a source into its assessment and the desk's view of it.
    static func read(_ item: MailItem, classifier: RightClassifier, limits: IntakeLimits) -> (IntakeAssessment, IntakeStore.Incoming) {
        let assessment = IntakeAssessment.assess(item, classifier: classifier, limits: limits)
        switch item {
        case .message(let raw):
            let message = assessment.message
            let quarantined = assessment.classification == nil  // unparseable (not merely without a sender)
            let incoming = IntakeStore.Incoming(
                sha256: SHA256.hex(raw.bytes), messageID: message?.messageID, raw: raw.bytes,
                sizeBytes: UInt64(raw.bytes.count), source: raw.source, fromName: message?.requester?.name,
                fromEmail: message?.requester?.email, subject: message?.subject, sentAt: message?.date,
                language: assessment.classification?.language, inReplyTo: message?.inReplyTo,
                threadMessageIDs: message?.threadMessageIDs ?? [], references: assessment.references,
                kinds: assessment.classification?.rights ?? [],
                isConfident: assessment.classification?.isConfident ?? false,
                confidence: assessment.classification?.confidence ?? 0,
                doubt: assessment.classification?.doubt,
                suggested: assessment.classification?.suggested ?? [],
                consentWithdrawal: assessment.classification?.consentWithdrawal ?? false,
                directMarketing: assessment.classification?.directMarketing ?? false,
                quarantineReason: quarantined ? (assessment.reason ?? "unparseable") : nil,
                triageReason: quarantined ? nil : assessment.classification?.automatedReason,
                unreadableCharsets: message?.unreadableCharsets ?? [])
            return (assessment, incoming)
        case .tooLarge(let source, _, _, let size):
            return (assessment, IntakeStore.Incoming(
                sha256: IntakeStore.unloadedHash(source: source, size: size), messageID: nil, raw: nil, sizeBytes: size,
                source: source, quarantineReason: assessment.reason ?? "too_large"))
        case .unreadable(let source, _, _):
            return (assessment, IntakeStore.Incoming(
                sha256: IntakeStore.unloadedHash(source: source, size: 0), messageID: nil, raw: nil, sizeBytes: 0,
                source: source, quarantineReason: assessment.reason ?? "unreadable"))
        }
    }

    /// Writes the decision into the record: status, the request reference(s), the reason, and for
    /// triage the suggested rights. `note` is the date note of new requests or the remark on a reply.
    static func apply(_ plan: IntakeStore.Plan, created: [StoredRequest], note: String?, to record: inout IntakeRecord) {
        record.suggested = nil
        switch plan {
        case .duplicate:
            record.status = IntakeStatus.duplicate.rawValue
        case .reply(_, let reference):
            record.status = IntakeStatus.reply.rawValue
            record.reference = reference
            record.reason = note ?? record.reason
        case .create:
            record.status = IntakeStatus.new.rawValue
            record.reference = created.isEmpty ? nil : created.map(\.reference).joined(separator: ",")
            record.reason = note
        case .triage(let reason, let suggested):
            record.status = IntakeStatus.triage.rawValue
            record.reference = nil
            record.reason = reason
            record.suggested = suggested
        case .quarantine(let reason):
            record.status = IntakeStatus.quarantined.rawValue
            record.reference = nil
            record.reason = reason
        }
    }

    /// Counts one message's outcome; `created` is the number of requests stored for it, nil in a
    /// dry run (which counts the requests the plan would create).
    static func count(_ plan: IntakeStore.Plan, created: Int?, dateNote: String?, into summary: inout Summary) {
        summary.messages += 1
        switch plan {
        case .duplicate: summary.duplicates += 1
        case .reply: summary.replies += 1
        case .create(let rights):
            summary.new += 1
            summary.requests += created ?? rights.count
            if dateNote != nil { summary.datesReplaced += 1 }
        case .triage: summary.triage += 1
        case .quarantine: summary.quarantined += 1
        }
    }
}
