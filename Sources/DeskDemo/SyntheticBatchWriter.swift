import DeskCore
import DeskStore
import Foundation
import Postgres

/// Where a synthetic run starts: the audit log's bulk state (first sequence number, tree, seals),
/// the next id of each sequence and the reference counters, read once under lock at the start of
/// the run's transaction. From it the numbering numbers every row itself, so a batch can be
/// encoded on another thread while the previous one streams to the server;
/// `SyntheticBatchWriter.finish` moves the sequences and counters on and stores the seals.
struct SyntheticStart: Sendable {
    var audit: AuditBulkLoad
    var nextRequest: Int64
    var nextRequester: Int64
    var nextCase: Int64
    var nextEvidence: Int64
    var nextLetter: Int64
    /// Last reference number used per year.
    var counters: [Int: Int]
    /// Audit events of the run numbered so far.
    var events = 0
}

/// One batch encoded in binary COPY format, table by table, in the order the rows must be loaded.
struct SyntheticBatch: Sendable {
    var tables: [(statement: SyntheticBatchEncoder.Copy, rows: CopyBinaryRowEncoder)]
    /// The audit events, sealed and then written through `AuditLog.copy(bulk:)` after the tables.
    let audit: AuditBulkBatch
    let events: Int
    let first: String?
    let last: String?
}

/// The numbers of one batch's rows: ids, references and the audit events' sequence numbers and
/// leaves, given in batch order (`SyntheticNumbering.number`), so that batches can then be
/// encoded independently.
struct SyntheticNumbers: Sendable {
    let references: [String]
    let firstRequest: Int64
    let firstRequester: Int64
    let firstCase: Int64
    let evidenceBase: [Int64]
    let letterBase: [Int64]
    let audit: AuditBulkBatch
}

/// Numbers batches of plans in order from a `SyntheticStart`. Used by one thread at a time; its
/// state carries over from batch to batch and is what the run's end records.
final class SyntheticNumbering: @unchecked Sendable {
    let entries: [PolicyCatalog.Entry]
    private(set) var state: SyntheticStart

    init(entries: [PolicyCatalog.Entry], start: SyntheticStart) {
        self.entries = entries
        self.state = start
    }

    func number(_ plans: [SyntheticPlan]) throws -> SyntheticNumbers {
        let references = try allocateReferences(plans)
        var evidenceBase: [Int64] = []
        var letterBase: [Int64] = []
        evidenceBase.reserveCapacity(plans.count)
        letterBase.reserveCapacity(plans.count)
        var events = 0
        for i in plans.indices {
            evidenceBase.append(state.nextEvidence)
            letterBase.append(state.nextLetter)
            state.nextEvidence += Int64(plans[i].evidence.count)
            state.nextLetter += Int64(plans[i].letters.count)
            events += plans[i].steps.count
        }
        let numbers = SyntheticNumbers(
            references: references, firstRequest: state.nextRequest, firstRequester: state.nextRequester,
            firstCase: state.nextCase, evidenceBase: evidenceBase, letterBase: letterBase,
            audit: state.audit.batch(after: state.events, count: events))
        state.nextRequest += Int64(plans.count)
        state.nextRequester += Int64(plans.count)
        state.nextCase += Int64(plans.count)
        state.events += events
        return numbers
    }

    /// References `DSAR-YYYY-NNNNNN` in receipt order, continuing each year's counter.
    private func allocateReferences(_ plans: [SyntheticPlan]) throws -> [String] {
        var references: [String] = []
        references.reserveCapacity(plans.count)
        for i in plans.indices {
            let year = LocalDate(SyntheticPlan.date(plans[i].receivedMs), in: entries[plans[i].entryIndex].timeZone).year
            let sequence = (state.counters[year] ?? 0) + 1
            guard let reference = RequestReference(year: year, sequence: sequence) else {
                throw StoreError(.syntheticReferencesExhausted, count: year)
            }
            state.counters[year] = sequence
            references.append(reference.description)
        }
        return references
    }
}

/// Turns numbered plans into COPY rows. Holds no state: batches may be encoded on any thread.
struct SyntheticBatchEncoder: Sendable {
    let entries: [PolicyCatalog.Entry]
    let actor: String

    /// A COPY of one table in binary format (`CopyBinaryRowEncoder`: no digits or instants
    /// rendered here and parsed by the server), frozen right after the table was truncated.
    struct Copy: Sendable {
        let plain: Query
        let frozen: Query

        init(table: Query) {
            plain = "COPY " + table + " FROM STDIN (FORMAT binary)"
            frozen = "COPY " + table + " FROM STDIN (FORMAT binary, FREEZE)"
        }

        func statement(freeze: Bool) -> Query { freeze ? frozen : plain }
    }

    static let copyCases = Copy(table: "cases (id, created_at)")
    static let copyRequesters = Copy(table: "requesters (id, name, email, language, created_at)")
    static let copyRequests = Copy(
        table: """
            requests (id, reference, case_id, kind, state, policy, requester_id, channel, received_at, due_on,
                      original_due_on, extended_by, paused_since, closed_at, ground, close_note, assignee, version,
                      updated_at, updated_by)
            """)
    static let copyPauses = Copy(table: "clock_pauses (request_id, reason, started_at, ended_at)")
    static let copyExtensions = Copy(table: "extensions (request_id, period, reason, decided_by, granted_at, recorded_at, recorded_by)")
    static let copyRetentions = Copy(table: "refusal_retentions (request_id, law, period, recorded_at)")
    static let copyClarifications = Copy(table: "clarifications (request_id, question, asked_at, recorded_at, recorded_by)")
    static let copyEvidence = Copy(table: "evidence (id, request_id, kind, details, occurred_at, recorded_at, recorded_by)")
    static let copyLetters = Copy(
        table: """
            letters (id, request_id, kind, language, format, sha256, verification_code, subject, body, recipient,
                     produced_at, produced_by)
            """)

    func encode(_ plans: [SyntheticPlan], _ numbers: SyntheticNumbers) -> SyntheticBatch {
        let references = numbers.references
        let firstRequest = numbers.firstRequest
        let firstRequester = numbers.firstRequester
        let firstCase = numbers.firstCase
        let evidenceBase = numbers.evidenceBase
        let letterBase = numbers.letterBase
        let requestID = { (i: Int) in firstRequest + Int64(i) }

        var cases = CopyBinaryRowEncoder(capacity: plans.count * 40)
        var requesters = CopyBinaryRowEncoder(capacity: plans.count * 110)
        var requests = CopyBinaryRowEncoder(capacity: plans.count * 330)
        var pauses = CopyBinaryRowEncoder()
        var extensions = CopyBinaryRowEncoder()
        var clarifications = CopyBinaryRowEncoder()
        var retentions = CopyBinaryRowEncoder()
        var evidence = CopyBinaryRowEncoder(capacity: plans.count * 230)
        var letters = CopyBinaryRowEncoder(capacity: plans.count * 3 * 470)
        for (i, plan) in plans.enumerated() {
            let id = requestID(i)
            cases.add(firstCase + Int64(i)); cases.addTimestamp(milliseconds: plan.receivedMs); cases.endRow()

            requesters.add(firstRequester + Int64(i)); requesters.add(plan.name); requesters.add(plan.email)
            requesters.add(plan.language.rawValue); requesters.addTimestamp(milliseconds: plan.receivedMs); requesters.endRow()

            var version: Int32 = 1
            for step in plan.steps where step.event != nil && step.event?.name != .letterProduced { version += 1 }
            requests.add(id); requests.add(references[i]); requests.add(firstCase + Int64(i)); requests.add(plan.kind.rawValue)
            requests.add(plan.state.rawValue); requests.add(entries[plan.entryIndex].policy.code)
            requests.add(firstRequester + Int64(i)); requests.add(plan.channel.rawValue)
            requests.addTimestamp(milliseconds: plan.receivedMs)
            requests.addDate(daysSinceUnixEpoch: Int32(plan.due.daysSinceEpoch))
            requests.addDate(daysSinceUnixEpoch: Int32(plan.originalDue.daysSinceEpoch))
            requests.add(plan.extendedBy?.description)
            requests.addTimestamp(milliseconds: plan.pausedSinceMs)
            requests.addTimestamp(milliseconds: plan.closedAtMs)
            requests.add(plan.ground?.rawValue); requests.add(plan.closeNote); requests.add(plan.assignee); requests.add(version)
            requests.addTimestamp(milliseconds: plan.steps.last?.atMs ?? plan.receivedMs); requests.add(actor)
            requests.endRow()

            for pause in plan.pauses {
                pauses.add(id); pauses.add(pause.reason.rawValue); pauses.addTimestamp(milliseconds: pause.start)
                pauses.addTimestamp(milliseconds: pause.end)
                pauses.endRow()
            }
            if let at = plan.extensionMs, let period = plan.extendedBy {
                extensions.add(id); extensions.add(period.description); extensions.add(plan.extensionReason)
                extensions.add(plan.extensionDecidedBy); extensions.addTimestamp(milliseconds: at); extensions.addTimestamp(milliseconds: at); extensions.add(actor)
                extensions.endRow()
            }
            if let retention = plan.retention, let at = plan.closedAtMs {
                retentions.add(id); retentions.add(retention.law); retentions.add(retention.period)
                retentions.addTimestamp(milliseconds: at); retentions.endRow()
            }
            if let at = plan.clarificationMs {
                clarifications.add(id); clarifications.add(SyntheticBatchWriter.question)
                clarifications.addTimestamp(milliseconds: at); clarifications.addTimestamp(milliseconds: at)
                clarifications.add(actor); clarifications.endRow()
            }
            for (n, item) in plan.evidence.enumerated() {
                let at = AuditEntry.iso8601Milliseconds(SyntheticPlan.date(item.atMs))
                evidence.add(evidenceBase[i] + Int64(n)); evidence.add(id); evidence.add(item.kind.rawValue)
                evidence.addJSONB(SyntheticBatchWriter.details(item.kind, reference: references[i], at: at))
                evidence.addTimestamp(milliseconds: item.atMs); evidence.addTimestamp(milliseconds: item.atMs)
                evidence.add(actor); evidence.endRow()
            }
            for (n, letter) in plan.letters.enumerated() {
                let at = AuditEntry.iso8601Milliseconds(SyntheticPlan.date(letter.atMs))
                let body = "\(references[i]) — \(letter.kind) (\(plan.language.rawValue)), \(at).\nSynthetic letter for benchmarks.\n"
                let sha = SHA256.hex(body)
                letters.add(letterBase[i] + Int64(n)); letters.add(id); letters.add(letter.kind); letters.add(plan.language.rawValue)
                letters.add("text"); letters.add(sha); letters.add(VerificationCode.code(sha256Hex: sha)); letters.add(references[i])
                letters.add(body); letters.add(plan.email); letters.addTimestamp(milliseconds: letter.atMs); letters.add(actor)
                letters.endRow()
            }
        }

        // The audit events of the whole batch are numbered in the order they happened; each
        // request's chain is then appended whole, so that its rows lie together on disk.
        var order: [(at: Int64, plan: Int32, step: Int32)] = []
        var stepBase: [Int] = []
        order.reserveCapacity(plans.count * 8)
        stepBase.reserveCapacity(plans.count)
        for i in plans.indices {
            stepBase.append(order.count)
            for n in plans[i].steps.indices { order.append((plans[i].steps[n].atMs, Int32(i), Int32(n))) }
        }
        order.sort { ($0.at, $0.plan, $0.step) < ($1.at, $1.plan, $1.step) }
        var offsets = [Int](repeating: 0, count: order.count)
        for (offset, item) in order.enumerated() { offsets[stepBase[Int(item.plan)] + Int(item.step)] = offset }
        var audit = numbers.audit
        for p in plans.indices {
            var previous = AuditEntry.genesisHash
            for n in plans[p].steps.indices {
                // Fields read through the array, not a copy of the whole plan per event.
                let step = plans[p].steps[n]
                var event: AuditEvent
                if let planned = step.event {
                    event = planned
                } else {
                    let entry = entries[plans[p].entryIndex]
                    let kind = plans[p].kind
                    event = .received(
                        reference: references[p], kind: kind, policy: entry.policy.code, channel: plans[p].channel,
                        requesterID: firstRequester + Int64(p), caseID: firstCase + Int64(p), dueOn: plans[p].originalDue,
                        source: entry.policy.rule(for: kind)?.source ?? "")
                }
                event = event.numbered(
                    evidenceID: step.evidenceIndex.map { evidenceBase[p] + Int64($0) },
                    letterID: step.letterIndex.map { letterBase[p] + Int64($0) })
                previous = audit.append(
                    event, offset: offsets[stepBase[p] + n], requestID: requestID(p), chainPosition: Int64(n) + 1,
                    prevHash: previous, occurredAtMs: step.atMs, recordedAtMs: step.atMs, actor: actor
                ).hash
            }
        }
        return SyntheticBatch(
            tables: [
                (Self.copyCases, cases), (Self.copyRequesters, requesters), (Self.copyRequests, requests),
                (Self.copyPauses, pauses), (Self.copyExtensions, extensions), (Self.copyClarifications, clarifications),
                (Self.copyRetentions, retentions),
                (Self.copyEvidence, evidence), (Self.copyLetters, letters),
            ],
            audit: audit, events: order.count, first: references.first, last: references.last)
    }
}

/// The database side of a synthetic run, inside the caller's transaction: reads the start under
/// lock, streams encoded batches with COPY, and at the end moves the audit head, the sequences
/// and the reference counters past what was written.
struct SyntheticBatchWriter {
    let db: Connection
    /// COPY … FREEZE: only right after the tables were truncated in this transaction.
    let freeze: Bool

    static let sequences = ["requests_id_seq", "requesters_id_seq", "cases_id_seq", "evidence_id_seq", "letters_id_seq"]

    func begin(now: Date) throws -> SyntheticStart {
        let audit = try AuditLog(db).beginBulk(now: now)
        var next: [Int64] = []
        for sequence in Self.sequences {
            next.append(try db.returned("SELECT nextval(\(sequence)::regclass)", "next value of \(sequence)"))
        }
        var counters: [Int: Int] = [:]
        for row in try db.query("SELECT year, last_value FROM reference_counters FOR UPDATE") {
            let (year, last) = try row.decode((Int, Int).self)
            counters[year] = last
        }
        return SyntheticStart(
            audit: audit, nextRequest: next[0], nextRequester: next[1], nextCase: next[2],
            nextEvidence: next[3], nextLetter: next[4], counters: counters)
    }

    func write(_ batch: SyntheticBatch) throws {
        for (statement, rows) in batch.tables where rows.rowCount > 0 {
            try db.copyIn(statement.statement(freeze: freeze)) { out in try out.write(encoded: rows) }
        }
        try AuditLog(db).copy(bulk: batch.audit, freeze: freeze)
    }

    func finish(_ end: SyntheticStart, audit: AuditBulkLoad, now: Date) throws {
        try AuditLog(db).finish(bulk: audit, now: now)
        let next = [end.nextRequest, end.nextRequester, end.nextCase, end.nextEvidence, end.nextLetter]
        for (sequence, value) in zip(Self.sequences, next) {
            // The next nextval gives `value`: the first id not used by this run.
            try db.execute("SELECT setval(\(sequence)::regclass, \(value), false)")
        }
        for (year, last) in end.counters.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                """
                INSERT INTO reference_counters (year, last_value) VALUES (\(year), \(last))
                ON CONFLICT (year) DO UPDATE SET last_value = \(last)
                """)
        }
    }

    static let question = "Which account or contract does the request concern? (synthetic)"

    /// Evidence details as `dsar record` stores them (the keys the CHECKs and the reports read).
    /// The details of one evidence row, in the shape `dsar record` stores (`Evidence`'s Codable
    /// form with its `kind`), so letters and `dsar show` read synthetic evidence like real evidence.
    static func details(_ kind: EvidenceKind, reference: String, at: String) -> String {
        var value: [String: PayloadValue]
        switch kind {
        case .erasure:
            value = [
                "system": .string("CRM"), "data_categories": .array([.string("contact"), .string("orders")]),
                "method": .string("deleted from database and backups"), "performed_by": .string("IT"),
                "performed_at": .string(at),
            ]
        case .export:
            value = ["format": .string("json"), "path": .string("exports/\(reference).json"), "sha256": .string(SHA256.hex(reference))]
        case .change: value = ["field": .string("email"), "new_value_summary": .string("corrected address")]
        case .decision: value = ["outcome": .string("processing_stopped"), "purposes": .array([.string("marketing")])]
        case .restriction: value = ["systems": .array([.string("CRM")]), "purposes": .array([.string("marketing")])]
        case .disclosure: value = ["description": .string("copy of the data held, sent by email")]
        case .recipient: value = ["recipient": .string("payment processor"), "what_was_notified": .string("the request")]
        case .noRecipients, .noDataHeld: value = [:]
        }
        value["kind"] = .string(kind.rawValue)
        return PayloadEncoder.encode(value)
    }
}
