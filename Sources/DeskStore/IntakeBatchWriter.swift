import DeskCore
import Foundation
import Postgres

/// Stores a batch of intake messages inside the caller's transaction with a handful of statements
/// (COPY for the rows, one counter update per year, one audit-chain update) instead of a dozen
/// round trips per message: what lets `dsar intake import` store thousands of messages a second.
///
/// It writes exactly the rows `IntakeStore.write` writes message after message — same plans,
/// message rows, requests, references, inbox items and audit events in the same order — and
/// gives up (`Unsupported`) whenever the batch needs something only the per-message path does
/// (a policy without a rule for a right, references running out); the caller then stores the
/// batch message by message. The acknowledgement letters of the new requests are rendered for the
/// whole batch by `letters` (`IntakeStore.Hooks.lettersForBatch`) and recorded here with COPY.
struct IntakeBatchWriter {
    let db: Connection
    let policy: String?
    let actor: String
    let now: Date

    /// The batch needs the per-message path.
    struct Unsupported: Error {}

    /// What was decided for one message before ids are known.
    private enum Decision {
        case duplicate(Int64)
        /// A duplicate of an earlier message of this batch (by its index).
        case duplicateInBatch(Int)
        case reply(requestID: Int64, reference: String)
        case create([Right])
        case triage(String?, suggested: [RightScore])
        case quarantine(String)
    }

    func write(
        _ batch: [IntakeStore.Incoming], decide: IntakeStore.Decide,
        letters: (([StoredRequest], Connection) throws -> [PreparedLetter])? = nil
    ) throws -> [IntakeStore.Stored] {
        let lookups = try IntakeStore.Lookups(db, batch)
        let entry = try IntakeStore(db).policies.entry(policy, db: db)
        let timeZone = entry.timeZone

        // 1. Decide every message in order, as `IntakeStore.write` would with the earlier ones stored.
        var decisions: [Decision] = []
        var storedIndexByHash: [String: Int] = [:]
        var storedIndexByMessageID: [String: Int] = [:]
        var requestYears: [Int] = []  // per request, in creation order
        var requestsPerMessage: [[Int]] = []  // request numbers of each message
        var named: [(message: Int, references: [String])] = []  // references named by stored messages
        for incoming in batch {
            let messageID = IntakeStore.storableMessageID(incoming.messageID)
            var earlier = storedIndexByHash[incoming.sha256]
            if let messageID, let other = storedIndexByMessageID[messageID] { earlier = min(earlier ?? other, other) }
            var requestNumbers: [Int] = []
            var facts = lookups.facts(incoming)
            if facts.duplicateOf == nil, earlier != nil { facts.duplicateOf = .earlierInBatch }
            let decision: Decision
            switch decide(incoming, facts) {
            case .duplicate(.stored(let existing)): decision = .duplicate(existing)
            case .duplicate(.earlierInBatch):
                guard let earlier else { throw Self.missing("earlier message of the batch it repeats") }
                decision = .duplicateInBatch(earlier)
            case .quarantine(let reason): decision = .quarantine(reason)
            case .reply(let requestID, let reference):
                guard let requestID else { throw Self.missing("request the reply answers") }
                decision = .reply(requestID: requestID, reference: reference)
            case .triage(let reason, let suggested): decision = .triage(reason, suggested: suggested)
            case .create(let kinds): decision = .create(kinds)
            }
            switch decision {
            case .duplicate, .duplicateInBatch: break
            default:
                storedIndexByHash[incoming.sha256] = storedIndexByHash[incoming.sha256] ?? decisions.count
                if let messageID { storedIndexByMessageID[messageID] = storedIndexByMessageID[messageID] ?? decisions.count }
                if incoming.quarantineReason == nil && !incoming.references.isEmpty {
                    named.append((decisions.count, incoming.references))
                }
            }
            if case .create(let kinds) = decision {
                let receivedAt = IntakeStore.receivedAt(sentAt: incoming.sentAt, now: now).date
                let year = LocalDate(receivedAt, in: timeZone).year
                for kind in kinds {
                    guard entry.policy.rule(for: kind) != nil else { throw Unsupported() }
                    requestNumbers.append(requestYears.count)
                    requestYears.append(year)
                }
            }
            requestsPerMessage.append(requestNumbers)
            decisions.append(decision)
        }

        // 2. References (each year's counter advanced once, in creation order), checked before any id
        // is drawn from a sequence so that stepping aside leaves no gap; then ids.
        let storedCount = decisions.filter {
            switch $0 {
            case .duplicate, .duplicateInBatch: false
            default: true
            }
        }.count
        var perYear: [Int: Int] = [:]
        for year in requestYears { perYear[year, default: 0] += 1 }
        var nextSequence: [Int: Int] = [:]
        for (year, count) in perYear.sorted(by: { $0.key < $1.key }) {
            let last: Int = try db.returned(
                """
                INSERT INTO reference_counters (year, last_value) VALUES (\(year), \(count))
                ON CONFLICT (year) DO UPDATE SET last_value = reference_counters.last_value + \(count)
                RETURNING last_value
                """, "reference number for \(year)")
            nextSequence[year] = last - count + 1
        }
        var references: [String] = []
        for year in requestYears {
            let sequence = nextSequence[year] ?? 1
            nextSequence[year] = sequence + 1
            guard let reference = RequestReference(year: year, sequence: sequence) else { throw Unsupported() }
            references.append(reference.description)
        }
        // A message naming a request created earlier in this same batch is a reply to it when stored
        // one by one: rare enough to leave to the per-message path.
        if !named.isEmpty {
            var createdBy: [String: Int] = [:]
            for (message, numbers) in requestsPerMessage.enumerated() {
                for number in numbers { createdBy[references[number]] = message }
            }
            let answersThisBatch = named.contains { message, names in
                names.contains { (createdBy[$0] ?? Int.max) < message }
            }
            if answersThisBatch { throw Unsupported() }
        }

        let messageIDs = try reserve("messages_id_seq", storedCount)
        let requestCount = requestYears.count
        let caseCount = requestsPerMessage.filter { !$0.isEmpty }.count
        let requestIDs = try reserve("requests_id_seq", requestCount)
        let requesterIDs = try reserve("requesters_id_seq", requestCount)
        let caseIDs = try reserve("cases_id_seq", caseCount)
        var rowIDs: [Int64?] = Array(repeating: nil, count: batch.count)
        var nextMessage = 0
        var nextCase = 0
        var caseOfMessage: [Int64?] = Array(repeating: nil, count: batch.count)
        for (index, decision) in decisions.enumerated() {
            switch decision {
            case .duplicate, .duplicateInBatch: continue
            default:
                rowIDs[index] = messageIDs[nextMessage]
                nextMessage += 1
            }
            if !requestsPerMessage[index].isEmpty {
                caseOfMessage[index] = caseIDs[nextCase]
                nextCase += 1
            }
        }
        let nowText = Self.text(now)

        // 3. Rows.
        try db.copyIn(
            """
            COPY messages (id, sha256, message_id, raw, size_bytes, source, from_name, from_email, subject, sent_at,
                           imported_at, status, language, in_reply_to, request_id) FROM STDIN
            """
        ) { out in
            for (index, incoming) in batch.enumerated() {
                guard let rowID = rowIDs[index] else { continue }
                let status: String
                var requestID: Int64?
                switch decisions[index] {
                case .reply(let id, _):
                    status = "reply"
                    requestID = id
                case .triage: status = "triage"
                case .quarantine: status = "quarantined"
                default: status = "new"
                }
                try out.writeRow([
                    String(rowID), incoming.sha256, IntakeStore.storableMessageID(incoming.messageID),
                    incoming.raw.map(Self.byteaText), String(Int(min(incoming.sizeBytes, UInt64(Int32.max)))),
                    IntakeStore.text(incoming.source, max: 2000) ?? "-", IntakeStore.text(incoming.fromName, max: 500),
                    IntakeStore.text(incoming.fromEmail, max: 320), IntakeStore.text(incoming.subject, max: 2000),
                    IntakeStore.storableDate(incoming.sentAt).map(Self.text), nowText, status, incoming.language?.rawValue,
                    IntakeStore.storableMessageID(incoming.inReplyTo), requestID.map(String.init),
                ])
            }
        }
        try db.copyIn(
            "COPY inbox_items (message_id, status, reason, created_at, suggested_kinds, suggested_probabilities) FROM STDIN"
        ) { out in
            for (index, decision) in decisions.enumerated() {
                guard let rowID = rowIDs[index] else { continue }
                switch decision {
                case .triage(let reason, let suggested):
                    try out.writeRow([
                        String(rowID), "triage", IntakeStore.text(reason, max: 2000), nowText,
                        Self.arrayText(suggested.map(\.right.rawValue)), Self.arrayText(suggested.map { String($0.probability) }),
                    ])
                case .quarantine(let reason):
                    try out.writeRow([String(rowID), "quarantined", IntakeStore.text(reason, max: 2000), nowText, "{}", "{}"])
                default: continue
                }
            }
        }
        if requestCount > 0 {
            try db.copyIn("COPY cases (id) FROM STDIN") { out in
                for id in caseIDs { try out.writeRow([String(id)]) }
            }
        }

        // Requests, with the `received` event each will get.
        var requestRows: [[String?]] = []
        var requesterRows: [[String?]] = []
        var messageRequest: [(message: Int64, request: Int64)] = []
        var received: [AuditLog.Pending] = []  // per request number
        for (index, incoming) in batch.enumerated() {
            guard let rowID = rowIDs[index], case .create(let kinds) = decisions[index] else { continue }
            let (receivedAt, note) = IntakeStore.receivedAt(sentAt: incoming.sentAt, now: now)
            let email = IntakeStore.text(incoming.fromEmail, max: 320)
            let name = IntakeStore.text(incoming.fromName, max: 200).flatMap { $0.isEmpty ? nil : $0 } ?? email ?? "Unknown sender"
            guard let caseID = caseOfMessage[index] else { throw Unsupported() }
            for (kind, number) in zip(kinds, requestsPerMessage[index]) {
                guard let rule = entry.policy.rule(for: kind, consentWithdrawal: kind == .objection && incoming.consentWithdrawal)
                else { throw Unsupported() }
                let due = DeadlineEngine.dueDate(receivedAt: receivedAt, rule: rule, timeZone: timeZone, calendar: entry.calendar)
                let isObjection = kind == .objection
                let requestID = requestIDs[number]
                let requesterID = requesterIDs[number]
                requesterRows.append([
                    String(requesterID), name, email, (incoming.language ?? .uzbekLatin).rawValue, nowText,
                ])
                requestRows.append([
                    String(requestID), references[number], String(caseID), kind.rawValue, entry.policy.code,
                    String(requesterID), Channel.email.rawValue, note, String(isObjection && incoming.directMarketing),
                    String(isObjection && incoming.consentWithdrawal), String(rowID), Self.text(receivedAt), due.iso,
                    due.iso, nowText, actor,
                ])
                if number == requestsPerMessage[index].first { messageRequest.append((rowID, requestID)) }
                received.append(AuditLog.Pending(
                    .received(
                        reference: references[number], kind: kind, policy: entry.policy.code, channel: .email,
                        requesterID: requesterID, caseID: caseID, dueOn: due, source: rule.source),
                    requestID: requestID, occurredAt: receivedAt, recordedAt: now, actor: actor))
            }
        }
        if !requesterRows.isEmpty {
            try db.copyIn("COPY requesters (id, name, email, language, created_at) FROM STDIN") { out in
                for row in requesterRows { try out.writeRow(row) }
            }
            try db.copyIn(
                """
                COPY requests (id, reference, case_id, kind, policy, requester_id, channel, details, direct_marketing,
                               consent_withdrawal, message_id, received_at, due_on, original_due_on, updated_at,
                               updated_by) FROM STDIN
                """
            ) { out in
                for row in requestRows { try out.writeRow(row) }
            }
        }
        if !messageRequest.isEmpty {
            try db.execute(
                """
                UPDATE messages m SET request_id = u.request_id
                FROM unnest(\(PostgresTextArray(messageRequest.map { String($0.message) }))::bigint[],
                            \(PostgresTextArray(messageRequest.map { String($0.request) }))::bigint[]) AS u(id, request_id)
                WHERE m.id = u.id AND m.request_id IS NULL
                """)
        }

        // The requests as stored, for the letters and the result.
        var created: [Int64: StoredRequest] = [:]
        if !requestIDs.isEmpty {
            for request in try db.rows(RequestRow.ByIDs(ids: requestIDs)) { created[request.id] = request }
        }

        // Letters (the acknowledgements), rendered for the whole batch and recorded with COPY.
        var lettersOfRequest: [Int64: [PreparedLetter]] = [:]
        if let letters, !requestIDs.isEmpty {
            let requests = try requestIDs.map { id -> StoredRequest in
                guard let request = created[id] else { throw Unsupported() }
                return request
            }
            let prepared = try letters(requests, db)
            for letter in prepared { lettersOfRequest[letter.letter.requestID, default: []].append(letter) }
            try writeLetters(prepared)
        }

        // Events of every message in order: a reply's `reply_received`; a new request's `received`,
        // then its letters' `letter_produced`, as `IntakeStore.write` and its hook append them.
        var replyStates: [Int64: RequestState] = [:]
        let replyIDs = decisions.compactMap { if case .reply(let id, _) = $0 { id } else { nil } }
        if !replyIDs.isEmpty {
            for row in try db.query(
                "SELECT id, state FROM requests WHERE id = ANY(\(PostgresTextArray(replyIDs.map(String.init)))::bigint[])")
            {
                let (id, state) = try row.decode((Int64, RequestState).self)
                replyStates[id] = state
            }
        }
        var drafts: [AuditLog.Pending] = []
        for index in batch.indices {
            guard let rowID = rowIDs[index] else { continue }
            switch decisions[index] {
            case .reply(let id, _):
                guard let state = replyStates[id] else { throw Self.missing("state of request \(id)") }
                drafts.append(AuditLog.Pending(
                    .replyReceived(messageID: rowID, state: state), requestID: id, occurredAt: now, recordedAt: now,
                    actor: actor))
            case .create:
                for number in requestsPerMessage[index] {
                    drafts.append(received[number])
                    guard let state = created[requestIDs[number]]?.state else {
                        throw Self.missing("new request \(requestIDs[number])")
                    }
                    for letter in lettersOfRequest[requestIDs[number]] ?? [] {
                        drafts.append(AuditLog.Pending(
                            letter.event(state: state), requestID: letter.letter.requestID, occurredAt: now,
                            recordedAt: now, actor: actor))
                    }
                }
            default: continue
            }
        }
        try AuditLog(db).append(batch: drafts)

        // 4. What was done, as `IntakeStore.store` reports it.
        return try decisions.enumerated().map { index, decision -> IntakeStore.Stored in
            // The message's row: the earlier one for a duplicate, else the id reserved for it.
            let stored: Int64?
            switch decision {
            case .duplicate(let existing): stored = existing
            case .duplicateInBatch(let earlier): stored = rowIDs[earlier]
            default: stored = rowIDs[index]
            }
            guard let rowID = stored else { throw Self.missing("id of message \(index + 1) of the batch") }
            switch decision {
            case .duplicate, .duplicateInBatch:
                return IntakeStore.Stored(plan: .duplicate(of: .stored(messageRowID: rowID)), messageRowID: rowID, requests: [], receivedAtNote: nil)
            case .reply(let id, let reference):
                return IntakeStore.Stored(plan: .reply(requestID: id, reference: reference), messageRowID: rowID, requests: [], receivedAtNote: nil)
            case .triage(let reason, let suggested):
                return IntakeStore.Stored(
                    plan: .triage(reason: reason, suggested: suggested), messageRowID: rowID, requests: [], receivedAtNote: nil)
            case .quarantine(let reason):
                return IntakeStore.Stored(plan: .quarantine(reason: reason), messageRowID: rowID, requests: [], receivedAtNote: nil)
            case .create(let kinds):
                let requests = try requestsPerMessage[index].map { number -> StoredRequest in
                    guard let request = created[requestIDs[number]] else { throw Unsupported() }
                    return request
                }
                let note = IntakeStore.receivedAt(sentAt: batch[index].sentAt, now: now).note
                return IntakeStore.Stored(plan: .create(kinds), messageRowID: rowID, requests: requests, receivedAtNote: note)
            }
        }
    }

    /// Records the prepared letters, as `LetterStore.record` would (its event is appended with the others).
    private func writeLetters(_ letters: [PreparedLetter]) throws {
        guard !letters.isEmpty else { return }
        let nowText = Self.text(now)
        try db.copyIn(
            """
            COPY letters (id, request_id, kind, language, format, sha256, verification_code, subject, body, message_id,
                          recipient, produced_at, produced_by) FROM STDIN
            """
        ) { out in
            for prepared in letters {
                let letter = prepared.letter
                try out.writeRow([
                    String(prepared.id), String(letter.requestID), letter.kind, letter.language.rawValue, letter.format,
                    prepared.sha256, prepared.verificationCode, letter.subject, letter.body, prepared.messageID,
                    letter.recipient, nowText, actor,
                ])
            }
        }
    }

    /// A value the writer read or reserved that is not there: the batch stops (and the caller
    /// stores it message by message) instead of writing a made-up id or state.
    static func missing(_ what: String) -> StoreError {
        StoreError(.intakeLostTrack, name: what)
    }

    /// `count` fresh ids from a sequence.
    private func reserve(_ sequence: String, _ count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try db.query("SELECT nextval(\(sequence)::regclass) FROM generate_series(1, \(count))").map {
            try $0.decode(column: 0, as: Int64.self)
        }
    }

    /// A value in the text form it is bound with (so COPY stores what a parameter would).
    static func text(_ date: Date) -> String {
        if case .text(let text) = date.postgresBinding { return text }
        return AuditEntry.iso8601Milliseconds(date)
    }

    /// `{a,b}`: an array of plain words or numbers as PostgreSQL reads it.
    static func arrayText(_ elements: [String]) -> String {
        "{" + elements.joined(separator: ",") + "}"
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// `\x…`: bytea in hex, as COPY's text format reads it.
    static func byteaText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = [0x5C, 0x78]
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
