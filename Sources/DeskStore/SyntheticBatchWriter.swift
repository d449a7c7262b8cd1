import DeskCore
import Foundation
import Postgres

/// Writes one batch of synthetic plans with COPY inside the caller's transaction: references from
/// the counters, ids from the sequences, and audit events chained after the locked head.
struct SyntheticBatchWriter {
    let db: Connection
    let entries: [PolicyCatalog.Entry]
    let actor: String
    let nowMs: Int64

    struct Written {
        let events: Int
        let first: String?
        let last: String?
    }

    func write(_ plans: [SyntheticPlan]) throws -> Written {
        guard let headRow = try db.query("SELECT seq, hash FROM audit_head FOR UPDATE").first else {
            throw StoreError.configuration("The audit log head is missing; run `dsar db migrate`.")
        }
        let (headSeq, headHash) = try headRow.decode((Int64, String).self)
        // A lost batch on a crash is re-run; no need to wait for the WAL flush of each one.
        try db.execute("SET LOCAL synchronous_commit TO off")
        let references = try allocateReferences(plans)
        let requestIDs = try reserve("requests_id_seq", plans.count)
        let requesterIDs = try reserve("requesters_id_seq", plans.count)
        let caseIDs = try reserve("cases_id_seq", plans.count)
        var evidenceOffsets: [Int] = []
        var letterOffsets: [Int] = []
        var evidenceCount = 0
        var letterCount = 0
        for plan in plans {
            evidenceOffsets.append(evidenceCount)
            letterOffsets.append(letterCount)
            evidenceCount += plan.evidence.count
            letterCount += plan.letters.count
        }
        let evidenceIDs = try reserve("evidence_id_seq", evidenceCount)
        let letterIDs = try reserve("letters_id_seq", letterCount)
        let iso = { (ms: Int64) in AuditEntry.iso8601Milliseconds(SyntheticPlan.date(ms)) }

        try db.copyIn("COPY cases (id, created_at) FROM STDIN") { out in
            for (i, plan) in plans.enumerated() { try out.writeRow([String(caseIDs[i]), iso(plan.receivedMs)]) }
        }
        try db.copyIn("COPY requesters (id, name, email, language, created_at) FROM STDIN") { out in
            for (i, plan) in plans.enumerated() {
                try out.writeRow([String(requesterIDs[i]), plan.name, plan.email, plan.language.rawValue, iso(plan.receivedMs)])
            }
        }
        try db.copyIn(
            """
            COPY requests (id, reference, case_id, kind, state, policy, requester_id, channel, received_at, due_on,
                           original_due_on, extended_by, paused_since, closed_at, ground, assignee, version,
                           updated_at, updated_by) FROM STDIN
            """
        ) { out in
            for (i, plan) in plans.enumerated() {
                let version = plan.steps.filter { $0.event != "received" && $0.event != "letter_produced" }.count + 1
                try out.writeRow([
                    String(requestIDs[i]), references[i], String(caseIDs[i]), plan.kind.rawValue, plan.state.rawValue,
                    entries[plan.entryIndex].policy.code, String(requesterIDs[i]), plan.channel.rawValue,
                    iso(plan.receivedMs), plan.due.iso, plan.originalDue.iso, plan.extendedBy?.description,
                    plan.pausedSinceMs.map(iso), plan.closedAtMs.map(iso), plan.ground?.rawValue, plan.assignee,
                    String(version), iso(plan.steps.last?.atMs ?? plan.receivedMs), actor,
                ])
            }
        }
        try db.copyIn("COPY clock_pauses (request_id, reason, started_at, ended_at) FROM STDIN") { out in
            for (i, plan) in plans.enumerated() {
                for pause in plan.pauses {
                    try out.writeRow([String(requestIDs[i]), pause.reason.rawValue, iso(pause.start), pause.end.map(iso)])
                }
            }
        }
        try db.copyIn("COPY extensions (request_id, period, reason, granted_at, recorded_at, recorded_by) FROM STDIN") { out in
            for (i, plan) in plans.enumerated() {
                guard let at = plan.extensionMs, let period = plan.extendedBy else { continue }
                try out.writeRow([String(requestIDs[i]), period.description, Self.extensionReason, iso(at), iso(at), actor])
            }
        }
        try db.copyIn("COPY clarifications (request_id, question, asked_at, recorded_at, recorded_by) FROM STDIN") { out in
            for (i, plan) in plans.enumerated() {
                guard let at = plan.clarificationMs else { continue }
                try out.writeRow([String(requestIDs[i]), Self.question, iso(at), iso(at), actor])
            }
        }
        try db.copyIn("COPY evidence (id, request_id, kind, details, occurred_at, recorded_at, recorded_by) FROM STDIN") { out in
            for (i, plan) in plans.enumerated() {
                for (n, item) in plan.evidence.enumerated() {
                    let details = Self.details(item.kind, reference: references[i], at: iso(item.atMs))
                    try out.writeRow([
                        String(evidenceIDs[evidenceOffsets[i] + n]), String(requestIDs[i]), item.kind.rawValue, details,
                        iso(item.atMs), iso(item.atMs), actor,
                    ])
                }
            }
        }
        try db.copyIn(
            """
            COPY letters (id, request_id, kind, language, format, sha256, verification_code, subject, body, recipient,
                          produced_at, produced_by) FROM STDIN
            """
        ) { out in
            for (i, plan) in plans.enumerated() {
                for (n, letter) in plan.letters.enumerated() {
                    let body = "\(references[i]) — \(letter.kind) (\(plan.language.rawValue)), \(iso(letter.atMs)).\nSynthetic letter for benchmarks.\n"
                    let sha = SHA256.hex(body)
                    try out.writeRow([
                        String(letterIDs[letterOffsets[i] + n]), String(requestIDs[i]), letter.kind, plan.language.rawValue,
                        "text", sha, VerificationCode.code(sha256Hex: sha), references[i], body, plan.email,
                        iso(letter.atMs), actor,
                    ])
                }
            }
        }

        // The audit events of the whole batch in the order they happened, chained after the head.
        var order: [(at: Int64, plan: Int, step: Int)] = []
        for (i, plan) in plans.enumerated() {
            for (n, step) in plan.steps.enumerated() { order.append((step.atMs, i, n)) }
        }
        order.sort { ($0.at, $0.plan, $0.step) < ($1.at, $1.plan, $1.step) }
        var previous = AuditEntry(
            sequence: headSeq, requestID: nil, occurredAt: Date(), recordedAt: Date(), actor: actor, event: "head",
            fromState: nil, toState: nil, payload: "{}", prevHash: headHash, hash: headHash)
        try db.copyIn(
            """
            COPY events (seq, request_id, occurred_at, recorded_at, actor, event, from_state, to_state, payload,
                         prev_hash, hash) FROM STDIN
            """
        ) { out in
            for item in order {
                let plan = plans[item.plan]
                let step = plan.steps[item.step]
                var payload = step.payload
                if step.event == "received" {
                    let entry = entries[plan.entryIndex]
                    payload = [
                        "reference": .string(references[item.plan]), "kind": .string(plan.kind.rawValue),
                        "policy": .string(entry.policy.code), "channel": .string(plan.channel.rawValue),
                        "requester_id": .int(requesterIDs[item.plan]), "case_id": .int(caseIDs[item.plan]),
                        "due_on": .string(plan.originalDue.iso),
                        "source": .string(entry.policy.rule(for: plan.kind)?.source ?? ""),
                    ]
                }
                if let n = step.evidenceIndex { payload["evidence_id"] = .int(evidenceIDs[evidenceOffsets[item.plan] + n]) }
                if let n = step.letterIndex { payload["letter_id"] = .int(letterIDs[letterOffsets[item.plan] + n]) }
                let at = SyntheticPlan.date(step.atMs)
                let entry = AuditEntry.appending(
                    after: previous, requestID: requestIDs[item.plan], occurredAt: at, recordedAt: at, actor: actor,
                    event: step.event, fromState: step.from, toState: step.to, payload: PayloadEncoder.encode(payload))
                try out.writeRow([
                    String(entry.sequence), String(requestIDs[item.plan]), iso(step.atMs), iso(step.atMs), actor, step.event,
                    step.from?.rawValue, step.to?.rawValue, entry.payload, entry.prevHash, entry.hash,
                ])
                previous = entry
            }
        }
        try db.execute("UPDATE audit_head SET seq = \(previous.sequence), hash = \(previous.hash)")
        return Written(events: order.count, first: references.first, last: references.last)
    }

    /// References `DSAR-YYYY-NNNNNN` in receipt order, advancing each year's counter once.
    private func allocateReferences(_ plans: [SyntheticPlan]) throws -> [String] {
        let years = plans.map { LocalDate(SyntheticPlan.date($0.receivedMs), in: entries[$0.entryIndex].timeZone).year }
        var counts: [Int: Int] = [:]
        for year in years { counts[year, default: 0] += 1 }
        var next: [Int: Int] = [:]
        for (year, count) in counts.sorted(by: { $0.key < $1.key }) {
            let last = try db.query("SELECT last_value FROM reference_counters WHERE year = \(year) FOR UPDATE")
                .first?.decode(column: 0, as: Int.self) ?? 0
            guard last + count <= 999_999 else {
                throw StoreError.refused("The reference numbers for \(year) would run out (999999 requests); add fewer synthetic requests.")
            }
            try db.execute(
                """
                INSERT INTO reference_counters (year, last_value) VALUES (\(year), \(last + count))
                ON CONFLICT (year) DO UPDATE SET last_value = \(last + count)
                """)
            next[year] = last + 1
        }
        var references: [String] = []
        references.reserveCapacity(plans.count)
        for year in years {
            let sequence = next[year] ?? 1
            next[year] = sequence + 1
            references.append(RequestReference(year: year, sequence: sequence)?.description ?? "DSAR-\(year)-000000")
        }
        return references
    }

    /// `count` fresh ids from a sequence, so that rows written by COPY can refer to each other.
    private func reserve(_ sequence: String, _ count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try db.query("SELECT nextval(\(sequence)::regclass) FROM generate_series(1, \(count))").map {
            try $0.decode(column: 0, as: Int64.self)
        }
    }

    static let extensionReason = "The request concerns data held in several systems (synthetic)."
    static let question = "Which account or contract does the request concern? (synthetic)"

    /// Evidence details as `dsar record` stores them (the keys the CHECKs and the reports read).
    static func details(_ kind: EvidenceKind, reference: String, at: String) -> String {
        let value: [String: PayloadValue]
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
        return PayloadEncoder.encode(value)
    }
}
