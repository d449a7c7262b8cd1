public import DeskCore
public import Foundation
public import Postgres

/// Stores what the email intake read (SPEC §5): each message once, then a reply attached to its
/// request, new requests (one per right, one case), or an inbox item — in one transaction per
/// message (`store`) or per batch of messages (`store(batch:)`), so an import stopped halfway and
/// run again ends where one uninterrupted run would.
public struct IntakeStore {
    let db: Connection
    /// Policies already read in this transaction.
    let policies: PolicyCache

    public init(_ db: Connection) { self.init(db, policies: PolicyCache()) }

    init(_ db: Connection, policies: PolicyCache) {
        self.db = db
        self.policies = policies
    }

    /// The policies the requests of one transaction are created under, read from the database once
    /// per transaction (a batch of messages) instead of once per request.
    final class PolicyCache {
        private var entries: [String: PolicyCatalog.Entry] = [:]
        private var defaultCode: String?

        /// The policy `code` names, or the desk's default policy.
        func entry(_ code: String?, db: Connection) throws -> PolicyCatalog.Entry {
            let catalog = PolicyCatalog(db)
            let resolved: String
            if let code {
                resolved = code
            } else if let defaultCode {
                resolved = defaultCode
            } else {
                resolved = try catalog.defaultCode()
                defaultCode = resolved
            }
            if let cached = entries[resolved] { return cached }
            let entry = try catalog.load(resolved)
            entries[resolved] = entry
            return entry
        }
    }

    // MARK: Values

    /// One message as the intake read it, in the desk's terms (DeskStore does not parse mail).
    public struct Incoming: Sendable {
        /// SHA-256 of the raw bytes (for a message too large to load: of its location, see `unloadedHash`).
        public var sha256: String
        /// Message-ID without angle brackets.
        public var messageID: String?
        /// The raw bytes; nil when the message was too large or unreadable (its size is still kept).
        public var raw: [UInt8]?
        public var sizeBytes: UInt64
        /// Where it came from (`inbox.mbox#17`, a Maildir file, `-`).
        public var source: String
        public var fromName: String?
        public var fromEmail: String?
        public var subject: String?
        /// The Date header, if readable.
        public var sentAt: Date?
        public var language: Language?
        public var inReplyTo: String?
        /// Message IDs this message answers (In-Reply-To, References): matched against our letters.
        public var threadMessageIDs: [String]
        /// Desk references found in subject and body, in order.
        public var references: [String]
        /// The rights asked for, primary first; empty when nothing was recognised.
        public var kinds: [Right]
        /// The classifier is sure enough of `kinds` for the desk to create requests without a person.
        public var isConfident: Bool
        /// The calibrated probability of the primary right.
        public var confidence: Double
        /// Why the classifier is not confident of `kinds`, when it is not.
        public var doubt: ClassifierDoubt?
        /// Every right considered with its probability, best first (kept on a triage item).
        public var suggested: [RightScore]
        public var consentWithdrawal: Bool
        public var directMarketing: Bool
        /// Set when the message could not be parsed: it goes to quarantine with this reason.
        public var quarantineReason: String?
        /// Why a message needs a person although it was parsed (automated mail…).
        public var triageReason: String?
        /// Charsets nobody knows in which part of the text could not be read.
        public var unreadableCharsets: [String]

        public init(
            sha256: String, messageID: String?, raw: [UInt8]?, sizeBytes: UInt64, source: String, fromName: String? = nil,
            fromEmail: String? = nil, subject: String? = nil, sentAt: Date? = nil, language: Language? = nil,
            inReplyTo: String? = nil, threadMessageIDs: [String] = [], references: [String] = [], kinds: [Right] = [],
            isConfident: Bool = true, confidence: Double = 1, doubt: ClassifierDoubt? = nil, suggested: [RightScore] = [],
            consentWithdrawal: Bool = false, directMarketing: Bool = false, quarantineReason: String? = nil,
            triageReason: String? = nil, unreadableCharsets: [String] = []
        ) {
            self.sha256 = sha256
            self.messageID = messageID
            self.raw = raw
            self.sizeBytes = sizeBytes
            self.source = source
            self.fromName = fromName
            self.fromEmail = fromEmail
            self.subject = subject
            self.sentAt = sentAt
            self.language = language
            self.inReplyTo = inReplyTo
            self.threadMessageIDs = threadMessageIDs
            self.references = references
            self.kinds = kinds
            self.isConfident = isConfident
            self.confidence = confidence
            self.doubt = doubt
            self.suggested = suggested
            self.consentWithdrawal = consentWithdrawal
            self.directMarketing = directMarketing
            self.quarantineReason = quarantineReason
            self.triageReason = triageReason
            self.unreadableCharsets = unreadableCharsets
        }
    }

    /// What the desk holds about one message, read in the transaction that stores it: the input
    /// of the intake decision (`Decide`) besides the message itself.
    public struct Facts: Sendable, Equatable {
        /// The message this one repeats (same SHA-256 or Message-ID): a stored one, or one earlier
        /// in the same batch or run and not stored yet.
        public var duplicateOf: Original?
        /// The request whose letter this message answers (In-Reply-To/References).
        public var thread: RequestLink?
        /// The references named in the message that the desk holds, with their requests.
        public var heldReferences: [String: Int64]

        public init(duplicateOf: Original? = nil, thread: RequestLink? = nil, heldReferences: [String: Int64] = [:]) {
            self.duplicateOf = duplicateOf
            self.thread = thread
            self.heldReferences = heldReferences
        }
    }

    /// The message a duplicate repeats.
    public enum Original: Sendable, Equatable {
        /// The stored message with this `messages` row id.
        case stored(messageRowID: Int64)
        /// An earlier message of the same batch (of the same run, for a dry run) that is not
        /// stored yet, so it has no row id.
        case earlierInBatch
    }

    /// A request by its row id and reference.
    public struct RequestLink: Sendable, Equatable {
        public let id: Int64
        public let reference: String

        public init(id: Int64, reference: String) {
            self.id = id
            self.reference = reference
        }
    }

    /// The intake decision (MailIntake's `IntakeDecision`, given by the caller: DeskStore does not
    /// read mail): what to do with a message, from the message and what the desk holds about it.
    public typealias Decide = (Incoming, Facts) -> Plan

    /// What the desk does with a message, decided by reading only (the dry run stops here).
    public enum Plan: Sendable, Equatable {
        /// A message already stored or already met earlier in the batch (same sha256 or same Message-ID).
        case duplicate(of: Original)
        /// Correspondence on an existing request: its row id, nil where the desk was not read (the
        /// offline dry run), and its reference.
        case reply(requestID: Int64?, reference: String)
        /// New requests, one per right, primary first.
        case create([Right])
        /// A person must look at it: a triage item, with the rights the classifier suggests.
        case triage(reason: String?, suggested: [RightScore])
        /// Unparseable: quarantined, raw bytes kept.
        case quarantine(reason: String)
    }

    /// What was done with one message.
    public struct Stored: Sendable {
        public let plan: Plan
        /// The `messages` row (the existing one for a duplicate).
        public let messageRowID: Int64
        /// Requests created, primary first.
        public let requests: [StoredRequest]
        /// Set when the Date header could not be used as the time of receipt.
        public let receivedAtNote: String?
    }

    /// What happens for every request the intake creates: the acknowledgement letter.
    public struct Hooks {
        /// Called inside the message's transaction for every request the intake creates, with that
        /// transaction's connection. Throwing rolls the whole message back.
        public var onRequestCreated: (StoredRequest, Connection) throws -> Void

        /// The same for a batch written in bulk: the letters for the requests it created (in
        /// creation order, inside the batch's transaction), rendered with ids and codes chosen,
        /// which the batch writer records with COPY and audits after each request's `received`,
        /// exactly where `onRequestCreated` would have recorded them. Nil: the batch is stored
        /// message by message whenever `onRequestCreated` does something.
        public var lettersForBatch: (([StoredRequest], Connection) throws -> [PreparedLetter])?

        /// Set only by `none`: nothing happens per request, so a batch can be written in bulk.
        let producesNothing: Bool

        public init(
            onRequestCreated: @escaping (StoredRequest, Connection) throws -> Void,
            lettersForBatch: (([StoredRequest], Connection) throws -> [PreparedLetter])? = nil
        ) {
            self.onRequestCreated = onRequestCreated
            self.lettersForBatch = lettersForBatch
            producesNothing = false
        }

        private init() {
            onRequestCreated = { _, _ in }
            lettersForBatch = nil
            producesNothing = true
        }

        /// A batch can be written in bulk: nothing to do per request, or a bulk way to do it.
        var writesInBulk: Bool { producesNothing || lettersForBatch != nil }

        /// No acknowledgement yet: the letters issue replaces this with one that renders and
        /// records the `acknowledgement` letter (and its .eml) for the new request.
        public static var none: Hooks { Hooks() }
    }

    // MARK: Rules

    /// The earliest instant the desk accepts as a time of receipt (as for `--at`).
    static let earliestReceipt = Date(timeIntervalSince1970: 1_546_300_800)  // 2019-01-01T00:00:00Z

    /// When the request was received: the message's Date, unless missing, in the future or before
    /// 2019 — then the import time, with a note saying why.
    public static func receivedAt(sentAt: Date?, now: Date) -> (date: Date, note: String?) {
        guard let sentAt else { return (now, "The message has no readable Date; received at the import time.") }
        if sentAt > now.addingTimeInterval(300) {
            return (now, "The message's Date is in the future; received at the import time instead.")
        }
        if sentAt < earliestReceipt {
            return (now, "The message's Date is before 2019; received at the import time instead.")
        }
        return (sentAt, nil)
    }

    /// The hash that identifies a message whose bytes were never loaded (too large, unreadable):
    /// its location and size, so importing the same mailbox again finds it as a duplicate.
    public static func unloadedHash(source: String, size: UInt64) -> String {
        SHA256.hex("dsar-intake-unloaded\u{0}\(source)\u{0}\(size)")
    }

    /// Longest Message-ID kept (an RFC 5322 line); a longer one is ignored and the hash dedups.
    static let maxMessageIDLength = 998

    // MARK: Reading

    /// What the desk holds about `incoming`, read now (the dry run decides with it).
    public func facts(_ incoming: Incoming) throws -> Facts {
        try Lookups(db, [incoming]).facts(incoming)
    }

    /// `facts` for every message of `batch`, with three queries in all instead of up to three per
    /// message. The messages of the batch are not stored, so one repeated within the batch is not
    /// a duplicate here: the caller tracks what it has seen.
    public func facts(_ batch: [Incoming]) throws -> [Facts] {
        let lookups = try Lookups(db, batch)
        return batch.map(lookups.facts)
    }

    /// What the desk holds about the messages of a batch, read with three queries: the stored
    /// messages with the same hash or Message-ID, our letters they answer, the references they name.
    struct Lookups {
        private var byHash: [String: Int64] = [:]
        private var byMessageID: [String: Int64] = [:]
        private var letters: [String: (id: Int64, reference: String, producedAt: Date)] = [:]
        private var requests: [String: Int64] = [:]

        init(_ db: Connection, _ batch: [Incoming]) throws {
            let hashes = batch.map(\.sha256)
            let messageIDs = batch.compactMap { IntakeStore.storableMessageID($0.messageID) }
            for row in try db.query(
                """
                SELECT id, sha256, message_id FROM messages
                WHERE sha256 = ANY(\(PostgresTextArray(hashes))::text[])
                   OR message_id = ANY(\(PostgresTextArray(messageIDs))::text[])
                """)
            {
                let (id, hash, messageID) = try row.decode((Int64, String, String?).self)
                byHash[hash] = min(byHash[hash] ?? id, id)
                if let messageID { byMessageID[messageID] = min(byMessageID[messageID] ?? id, id) }
            }
            var threadIDs = Set<String>()
            var references = Set<String>()
            for incoming in batch where duplicate(incoming) == nil && incoming.quarantineReason == nil {
                for id in IntakeStore.threadableIDs(incoming) {
                    threadIDs.insert(id)
                    threadIDs.insert("<" + id + ">")
                }
                references.formUnion(incoming.references)
            }
            if !threadIDs.isEmpty {
                for row in try db.query(
                    """
                    SELECT l.message_id, r.id, r.reference, l.produced_at FROM letters l JOIN requests r ON r.id = l.request_id
                    WHERE l.message_id = ANY(\(PostgresTextArray(threadIDs.sorted()))::text[])
                    """)
                {
                    let (messageID, id, reference, producedAt) = try row.decode((String, Int64, String, Date).self)
                    letters[messageID] = (id, reference, producedAt)
                }
            }
            if !references.isEmpty {
                for row in try db.query(
                    "SELECT id, reference FROM requests WHERE reference = ANY(\(PostgresTextArray(references.sorted()))::text[])")
                {
                    let (id, reference) = try row.decode((Int64, String).self)
                    requests[reference] = id
                }
            }
        }

        /// `IntakeStore.duplicate(of:)` as of the reading.
        func duplicate(_ incoming: Incoming) -> Int64? {
            let matches = [byHash[incoming.sha256], IntakeStore.storableMessageID(incoming.messageID).flatMap { byMessageID[$0] }]
            return matches.compactMap { $0 }.min()
        }

        /// The newest of our letters the message answers.
        func thread(_ incoming: Incoming) -> RequestLink? {
            var newest: (id: Int64, reference: String, producedAt: Date)?
            for id in IntakeStore.threadableIDs(incoming) {
                for key in [id, "<" + id + ">"] {
                    if let letter = letters[key], letter.producedAt > (newest?.producedAt ?? .distantPast) { newest = letter }
                }
            }
            return newest.map { RequestLink(id: $0.id, reference: $0.reference) }
        }

        /// Everything read about `incoming`.
        func facts(_ incoming: Incoming) -> Facts {
            guard let duplicate = duplicate(incoming) else {
                var held: [String: Int64] = [:]
                for reference in incoming.references { held[reference] = requests[reference] }
                return Facts(thread: thread(incoming), heldReferences: held)
            }
            return Facts(duplicateOf: .stored(messageRowID: duplicate))
        }
    }

    /// The stored message with the same sha256 or the same Message-ID, if any.
    public func duplicate(of incoming: Incoming) throws -> Int64? {
        let rows = try db.query(
            """
            SELECT id FROM messages WHERE sha256 = \(incoming.sha256)
               OR (message_id IS NOT NULL AND message_id = \(Self.storableMessageID(incoming.messageID)))
            ORDER BY id LIMIT 1
            """)
        return try rows.first?.decode(column: 0, as: Int64.self)
    }

    /// The Message-IDs a message answers that can name one of our letters.
    static func threadableIDs(_ incoming: Incoming) -> [String] {
        incoming.threadMessageIDs.filter { !$0.isEmpty && $0.count <= Self.maxMessageIDLength }
    }

    // MARK: Writing

    /// Stores one message and what follows from it in one transaction; a message already stored
    /// (even by a concurrent import) comes back as `.duplicate` and nothing is written.
    ///
    /// A message the database refuses as classified (a constraint, an encoding it cannot hold) is
    /// stored again as quarantined with that reason, so no message is dropped.
    public func store(
        _ incoming: Incoming, policy: String?, actor: String, now: Date, hooks: Hooks = .none, decide: Decide
    ) throws -> Stored {
        try store(incoming, decided: nil, policy: policy, actor: actor, now: now, hooks: hooks, decide: decide)
    }

    /// Stores the messages of `batch` in order, in ONE transaction (one commit, not one per
    /// message: what makes a large import fast), each exactly as `store` would store it.
    ///
    /// If anything goes wrong with any message (a race lost to another import, a policy that
    /// refuses a right, a value the database refuses), the whole batch is rolled back and stored
    /// again one message per transaction through `store`, so each message gets the outcome `store`
    /// gives it. A batch is stored whole or not at all: an import killed midway and run again
    /// finds the committed batches as duplicates and stores the rest.
    public func store(
        batch: [Incoming], policy: String?, actor: String, now: Date, hooks: Hooks = .none, decide: Decide
    ) throws -> [Stored] {
        guard batch.count > 1 else {
            return try batch.map { try store($0, policy: policy, actor: actor, now: now, hooks: hooks, decide: decide) }
        }
        if hooks.writesInBulk {
            // In bulk (COPY) when nothing has to happen per request or it can be done for the batch
            // at once; anything unusual goes below.
            do {
                return try db.withRetryingTransaction { db in
                    try IntakeBatchWriter(db: db, policy: policy, actor: actor, now: now)
                        .write(batch, decide: decide, letters: hooks.lettersForBatch)
                }
            } catch let error as PostgresError where error.isConnectionProblem {
                throw error
            } catch {
                // Unsupported, or a race or value the bulk path cannot settle: message by message below.
            }
        }
        do {
            return try db.withRetryingTransaction { db in
                let store = IntakeStore(db, policies: PolicyCache())
                return try batch.map {
                    try store.write($0, forcing: nil, policy: policy, actor: actor, now: now, hooks: hooks, decide: decide)
                }
            }
        } catch let error as PostgresError where error.isConnectionProblem {
            throw error
        } catch {
            return try batch.map { try store($0, policy: policy, actor: actor, now: now, hooks: hooks, decide: decide) }
        }
    }

    /// `store`, with the plan given instead of read (`decided`): lets a test lose the race to a
    /// concurrent import deterministically.
    func store(
        _ incoming: Incoming, decided: Plan?, policy: String?, actor: String, now: Date, hooks: Hooks, decide: Decide
    ) throws -> Stored {
        do {
            return try db.withRetryingTransaction { db in
                try IntakeStore(db, policies: PolicyCache()).write(
                    incoming, forcing: decided, policy: policy, actor: actor, now: now, hooks: hooks, decide: decide)
            }
        } catch let error as PostgresError where error.isUniqueViolation && error.table == "messages" {
            // The unique index refused the row, so the message it collided with exists.
            guard let existing = try duplicate(of: incoming) else {
                throw StoreError(.duplicateVanished)
            }
            return Stored(plan: .duplicate(of: .stored(messageRowID: existing)), messageRowID: existing, requests: [], receivedAtNote: nil)
        } catch let error as StoreError where decided == nil {
            // A rule of the desk refused the requests (a policy without a rule for a right): the
            // message waits in the inbox with the reason instead of stopping the import.
            guard error.category == .refused else { throw error }
            return try store(
                incoming, decided: .triage(reason: Self.triageReason(error), suggested: incoming.suggested), policy: policy, actor: actor,
                now: now, hooks: hooks, decide: decide)
        } catch let error as PostgresError where !error.isConnectionProblem && error.code == .server {
            let reason = "storage_failed: The desk could not store the message as read (SQLSTATE \(error.sqlState.map { "\($0)" } ?? "?")); a person must look at it."
            return try db.withRetryingTransaction { db in
                try IntakeStore(db).write(
                    incoming, forcing: .quarantine(reason: reason), policy: policy, actor: actor, now: now, hooks: hooks,
                    decide: decide)
            }
        }
    }

    /// The body of `store`, inside its transaction.
    func write(
        _ incoming: Incoming, forcing: Plan?, policy: String?, actor: String, now: Date, hooks: Hooks, decide: Decide
    ) throws -> Stored {
        let plan = try forcing ?? decide(incoming, facts(incoming))
        let status: String
        var replyTo: Int64?  // the request a reply answers
        switch plan {
        case .duplicate(let original):
            // Read from the desk in this transaction, the original is a stored row.
            guard case .stored(let existing) = original else { throw IntakeBatchWriter.missing("stored message it repeats") }
            return Stored(plan: plan, messageRowID: existing, requests: [], receivedAtNote: nil)
        case .reply(let id, _):
            guard let id else { throw IntakeBatchWriter.missing("request the reply answers") }
            status = "reply"
            replyTo = id
        case .create: status = "new"
        case .triage: status = "triage"
        case .quarantine: status = "quarantined"
        }
        // The storage-failure fallback keeps only the raw bytes and where they came from.
        var keepsText = true
        if case .quarantine = forcing { keepsText = false }
        let messageRowID: Int64 = try db.returned(
            """
            INSERT INTO messages (sha256, message_id, raw, size_bytes, source, from_name, from_email, subject, sent_at,
                                  imported_at, status, language, in_reply_to, request_id)
            VALUES (\(incoming.sha256), \(Self.storableMessageID(incoming.messageID)), \(incoming.raw.map { PostgresBytes($0) }),
                    \(Int(min(incoming.sizeBytes, UInt64(Int32.max)))), \(Self.text(incoming.source, max: 2000) ?? "-"),
                    \(keepsText ? Self.text(incoming.fromName, max: 500) : nil),
                    \(keepsText ? Self.text(incoming.fromEmail, max: 320) : nil),
                    \(keepsText ? Self.text(incoming.subject, max: 2000) : nil), \(Self.storableDate(incoming.sentAt)),
                    \(now), \(status), \(keepsText ? incoming.language : nil),
                    \(keepsText ? Self.storableMessageID(incoming.inReplyTo) : nil), \(replyTo))
            RETURNING id
            """, "id of the stored message")

        if let id = replyTo {
            let state: RequestState = try db.returned("SELECT state FROM requests WHERE id = \(id)", "state of request \(id)")
            try AuditLog(db).append(
                .replyReceived(messageID: messageRowID, state: state), requestID: id, occurredAt: now, recordedAt: now,
                actor: actor)
            return Stored(plan: plan, messageRowID: messageRowID, requests: [], receivedAtNote: nil)
        }
        switch plan {
        case .duplicate, .reply:  // returned above
            return Stored(plan: plan, messageRowID: messageRowID, requests: [], receivedAtNote: nil)
        case .triage(let reason, let suggested):
            try db.execute(
                """
                INSERT INTO inbox_items (message_id, status, reason, created_at, suggested_kinds, suggested_probabilities)
                VALUES (\(messageRowID), \(status), \(Self.text(reason, max: 2000)), \(now),
                        \(PostgresTextArray(suggested.map(\.right.rawValue)))::text[],
                        \(PostgresTextArray(suggested.map { String($0.probability) }))::float8[])
                """)
            return Stored(plan: plan, messageRowID: messageRowID, requests: [], receivedAtNote: nil)
        case .quarantine(let reason):
            try db.execute(
                """
                INSERT INTO inbox_items (message_id, status, reason, created_at)
                VALUES (\(messageRowID), \(status), \(Self.text(reason, max: 2000)), \(now))
                """)
            return Stored(plan: plan, messageRowID: messageRowID, requests: [], receivedAtNote: nil)
        case .create(let kinds):
            let (receivedAt, note) = Self.receivedAt(sentAt: incoming.sentAt, now: now)
            let store = RequestStore(db)
            var created: [StoredRequest] = []
            let email = Self.text(incoming.fromEmail, max: 320)
            let name = Self.text(incoming.fromName, max: 200).flatMap { $0.isEmpty ? nil : $0 } ?? email ?? "Unknown sender"
            for kind in kinds {
                let isObjection = kind == .objection
                let request = try store.insert(
                    NewRequest(
                        kind: kind, requesterName: name, email: email, language: incoming.language ?? .uzbekLatin,
                        channel: .email, policy: policy, details: note, directMarketing: isObjection && incoming.directMarketing,
                        consentWithdrawal: isObjection && incoming.consentWithdrawal, receivedAt: receivedAt,
                        caseID: created.first?.caseID, messageID: messageRowID),
                    entry: try policies.entry(policy, db: db), actor: actor, now: now)
                try hooks.onRequestCreated(request, db)
                created.append(request)
            }
            return Stored(plan: plan, messageRowID: messageRowID, requests: created, receivedAtNote: note)
        }
    }

    // MARK: Values the database can hold

    /// Text without NUL (PostgreSQL text cannot hold it), cut to `max` characters.
    static func text(_ value: String?, max: Int) -> String? {
        guard let value else { return nil }
        var cleaned = value.contains("\u{0}") ? value.replacingOccurrences(of: "\u{0}", with: "") : value
        if cleaned.count > max { cleaned = String(cleaned.prefix(max)) }
        return cleaned
    }

    /// A Message-ID the unique index can hold, or nil (the message is then deduplicated by hash).
    static func storableMessageID(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.count <= maxMessageIDLength, !value.contains("\u{0}") else { return nil }
        return value
    }

    /// A Date header kept as `sent_at` only when plausible (1970–2100); otherwise left out.
    static func storableDate(_ value: Date?) -> Date? {
        guard let value, value.timeIntervalSince1970 >= 0, value.timeIntervalSince1970 < 4_102_444_800 else { return nil }
        return value
    }
}
