import DeskCore
import DeskStore
import Foundation
import LetterDesk
import Letters
import Postgres

/// What the portal keeps in PostgreSQL (SQL/0110_portal.sql) and reads of the desk: pending
/// submissions and look-ups with their hashed codes, status sessions, a request's status and
/// letters, replies, and letter verification.
public struct PortalStore {
    /// How long a code may be used, how often it may be tried, how long pending rows live.
    public static let codeLifetime: TimeInterval = 30 * 60
    public static let attemptLimit = 5
    public static let pendingLifetime: TimeInterval = 24 * 3600
    public static let sessionLifetime: TimeInterval = 30 * 60
    /// The audit actor of everything the portal writes.
    public static let actor = "portal"

    let db: Connection

    public init(_ db: Connection) { self.db = db }

    // MARK: Submissions

    /// Keeps a checked form until its code is entered; `challenge` is the token of its confirmation URL.
    public func submit(_ form: RequestForm, kind: Right, language: Language, challenge: String, code: String, now: Date) throws {
        let challengeHash = PortalSecret.hash(token: challenge)
        try db.execute(
            """
            INSERT INTO portal_submissions (challenge, code_hash, kind, name, email, phone, details, language,
                                            created_at, code_expires_at)
            VALUES (\(challengeHash), \(PortalSecret.hash(code: code, challenge: challengeHash)), \(kind), \(form.name),
                    \(form.email), \(form.phone), \(form.details), \(language), \(now),
                    \(now.addingTimeInterval(Self.codeLifetime)))
            """)
    }

    /// How entering a code ended.
    public enum CodeOutcome: Sendable, Equatable {
        /// The submission became this request (its acknowledgement queued when the settings allow).
        case registered(reference: String)
        /// A look-up opened a status session for this request.
        case opened(requestID: Int64)
        /// Wrong code; this many attempts are left.
        case wrong(attemptsLeft: Int)
        /// Too many wrong codes, expired, or no such challenge: a new one must be asked for.
        case locked, expired, unknown
    }

    /// Checks `code` for the submission of `challenge`; the right one registers the request
    /// (channel web form, received now) with its acknowledgement letter in the outbox, and
    /// deletes the submission in the same transaction.
    public func confirmSubmission(challenge: String, code: String?, producer: LetterProducer, now: Date) throws -> CodeOutcome {
        let challengeHash = PortalSecret.hash(token: challenge)
        return try db.withRetryingTransaction { db in
            guard let row = try db.query(
                """
                SELECT id, code_hash, attempts, code_expires_at, kind, name, email, phone, details, language
                FROM portal_submissions WHERE challenge = \(challengeHash) FOR UPDATE
                """
            ).first else { return .unknown }
            let (id, codeHash, attempts) = try row.decode((Int64, String, Int).self)
            let expiresAt: Date = try row.decode(column: 3)
            if attempts >= Self.attemptLimit { return .locked }
            if expiresAt <= now { return .expired }
            guard let code, PortalSecret.same(PortalSecret.hash(code: code, challenge: challengeHash), codeHash) else {
                try db.execute("UPDATE portal_submissions SET attempts = attempts + 1 WHERE id = \(id)")
                return Self.afterWrongCode(attempts)
            }
            let new = NewRequest(
                kind: try row.decode(column: 4), requesterName: try row.decode(column: 5), email: try row.decode(column: 6),
                phone: try row.decode(column: 7), language: try row.decode(column: 9), channel: .webForm,
                details: try row.decode(column: 8), receivedAt: now)
            let request = try RequestStore(db).insert(new, actor: Self.actor, now: now)
            let settings = try SettingsStore(db).values()
            if SettingsStore.requiredForLetters.allSatisfy({ !(settings[$0] ?? "").isEmpty }) {
                let letter = try producer.inTransaction(db).produce(
                    .acknowledgement, for: request.reference, format: .eml, actor: Self.actor, now: now)
                _ = try OutboxStore(db).queue(letterID: letter.letter.id, message: Array(letter.content.utf8), actor: Self.actor, now: now)
            }
            try db.execute("DELETE FROM portal_submissions WHERE id = \(id)")
            return .registered(reference: request.reference)
        }
    }

    /// The answer to a wrong code when `attempts` were made before it: the fifth locks the code.
    static func afterWrongCode(_ attempts: Int) -> CodeOutcome {
        let left = attemptLimit - attempts - 1
        return left > 0 ? .wrong(attemptsLeft: left) : .locked
    }

    // MARK: Status look-ups

    /// Records a look-up whatever it matches; returns the request's e-mail address when the
    /// reference and address belong together (only then is the code sent).
    public func lookUp(reference: String, email: String, challenge: String, code: String, now: Date) throws -> Bool {
        let challengeHash = PortalSecret.hash(token: challenge)
        var requestID: Int64?
        if let parsed = RequestReference(reference) {
            requestID = try db.query(
                """
                SELECT r.id FROM requests r JOIN requesters q ON q.id = r.requester_id
                WHERE r.reference = \(parsed.description) AND lower(q.email) = lower(\(email))
                """
            ).first?.decode(column: 0)
        }
        try db.execute(
            """
            INSERT INTO portal_lookups (challenge, request_id, code_hash, created_at, code_expires_at)
            VALUES (\(challengeHash), \(requestID), \(PortalSecret.hash(code: code, challenge: challengeHash)), \(now),
                    \(now.addingTimeInterval(Self.codeLifetime)))
            """)
        return requestID != nil
    }

    /// Checks the code of a look-up; the right one (for a look-up that matched) opens a session.
    /// A look-up that matched nothing answers exactly like a wrong code.
    public func confirmLookup(challenge: String, code: String?, sessionToken: String, now: Date) throws -> CodeOutcome {
        let challengeHash = PortalSecret.hash(token: challenge)
        return try db.withRetryingTransaction { db in
            guard let row = try db.query(
                "SELECT request_id, code_hash, attempts, code_expires_at FROM portal_lookups WHERE challenge = \(challengeHash) FOR UPDATE"
            ).first else { return .unknown }
            let (requestID, codeHash, attempts) = try row.decode((Int64?, String, Int).self)
            let expiresAt: Date = try row.decode(column: 3)
            if attempts >= Self.attemptLimit { return .locked }
            if expiresAt <= now { return .expired }
            guard let requestID, let code, PortalSecret.same(PortalSecret.hash(code: code, challenge: challengeHash), codeHash) else {
                try db.execute("UPDATE portal_lookups SET attempts = attempts + 1 WHERE challenge = \(challengeHash)")
                return Self.afterWrongCode(attempts)
            }
            try db.execute("DELETE FROM portal_lookups WHERE challenge = \(challengeHash)")
            try db.execute(
                """
                INSERT INTO portal_sessions (token_hash, request_id, created_at, expires_at)
                VALUES (\(PortalSecret.hash(token: sessionToken)), \(requestID), \(now), \(now.addingTimeInterval(Self.sessionLifetime)))
                """)
            return .opened(requestID: requestID)
        }
    }

    /// The request a status session cookie opens, while it lasts.
    public func session(_ token: String, now: Date) throws -> Int64? {
        try db.query(
            "SELECT request_id FROM portal_sessions WHERE token_hash = \(PortalSecret.hash(token: token)) AND expires_at > \(now)"
        ).first?.decode(column: 0)
    }

    /// Ends a status session.
    public func endSession(_ token: String) throws {
        try db.execute("DELETE FROM portal_sessions WHERE token_hash = \(PortalSecret.hash(token: token))")
    }

    // MARK: What a session shows

    /// One request as its requester sees it.
    public struct Status: Sendable {
        public let reference: String
        public let kind: Right
        public let state: RequestState
        public let receivedAt: Date
        public let dueOn: LocalDate
        public let originalDueOn: LocalDate
        public let closedAt: Date?
        public let letters: [Letter]
        public let timeZone: TimeZone

        public struct Letter: Sendable {
            public let kind: String
            public let producedAt: Date
            public let subject: String
            public let body: String
        }
    }

    public func status(requestID: Int64) throws -> Status {
        let request = try RequestStore(db).find(id: requestID)
        let letters = try LetterStore(db).letters(requestID: requestID).filter { $0.recipient == nil && $0.body != nil }
        let timeZone = try PolicyCatalog(db).load(request.policy).timeZone
        let publicURL = try SettingsStore(db).values()["portal.public_url"]
        // The copy as sent: the stored text and its verification line.
        let copies = letters.map { letter in
            Status.Letter(
                kind: letter.kind, producedAt: letter.producedAt, subject: letter.subject ?? "",
                body: (letter.body ?? "") + "\n"
                    + LetterRenderer.footer(verificationCode: letter.verificationCode, language: letter.language, publicURL: publicURL))
        }
        return Status(
            reference: request.reference, kind: request.kind, state: request.state, receivedAt: request.receivedAt,
            dueOn: request.dueOn, originalDueOn: request.originalDueOn, closedAt: request.closedAt, letters: copies,
            timeZone: timeZone)
    }

    /// Stores the requester's reply on the request, as the intake stores a reply by e-mail:
    /// an inbound message with status `reply` (flag R in `dsar queue`) and a `reply_received` event.
    public func reply(requestID: Int64, text: String, now: Date) throws {
        try db.withRetryingTransaction { db in
            let request = try RequestStore(db).find(id: requestID)
            let subject = "Re: \(request.reference)"
            let raw = Self.replyMessage(request: request, subject: subject, text: text, now: now)
            let messageID: Int64 = try db.returned(
                """
                INSERT INTO messages (sha256, raw, size_bytes, source, from_name, from_email, subject, sent_at, imported_at,
                                      status, language, request_id)
                VALUES (\(SHA256.hex(raw)), \(PostgresBytes(raw)), \(raw.count), 'portal', \(request.requester.name),
                        \(request.requester.email), \(subject), \(now), \(now), 'reply', \(request.requester.language), \(requestID))
                RETURNING id
                """, "id of the portal reply")
            _ = try AuditLog(db).append(
                .replyReceived(messageID: messageID, state: request.state),
                requestID: requestID, occurredAt: now, recordedAt: now, actor: Self.actor)
        }
    }

    /// The reply as a message the desk can read like any other (RFC 5322, UTF-8, CRLF).
    static func replyMessage(request: StoredRequest, subject: String, text: String, now: Date) -> [UInt8] {
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let headers = [
            "From: \(request.requester.email ?? "portal")",
            "Subject: \(subject)",
            "Date: \(date.string(from: now))",
            "X-DSAR-Channel: portal",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8)
    }

    // MARK: Letter verification

    /// What `/verify/CODE` may say of a letter: no personal data.
    public struct VerifiedLetter: Sendable {
        public let organisation: String
        public let kind: String
        public let producedAt: Date
        public let reference: String
    }

    public func verify(code: String) throws -> VerifiedLetter? {
        guard VerificationCode.normalised(code) != nil else { return nil }
        let letter: StoredLetter
        do { letter = try LetterStore(db).find(code: code) } catch let error as StoreError where error.code == .verificationCodeUnknown { return nil }
        let organisation = try SettingsStore(db).values()["organisation.name"] ?? ""
        return VerifiedLetter(organisation: organisation, kind: letter.kind, producedAt: letter.producedAt, reference: letter.reference)
    }

    // MARK: Housekeeping

    /// Deletes unverified submissions and look-ups older than 24 hours and ended sessions.
    @discardableResult
    public func purge(now: Date) throws -> Int {
        let cutoff = now.addingTimeInterval(-Self.pendingLifetime)
        return try db.execute("DELETE FROM portal_submissions WHERE created_at < \(cutoff)")
            + db.execute("DELETE FROM portal_lookups WHERE created_at < \(cutoff)")
            + db.execute("DELETE FROM portal_sessions WHERE expires_at < \(now)")
    }
}
