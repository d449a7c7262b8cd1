public import DeskCore
import DeskStore
public import Foundation
import Letters
public import Postgres

/// What the portal keeps in PostgreSQL and reads of the desk, as the `dsar_portal` role
/// (SQL/0110_portal.sql, SQL/0125_portal_role.sql): it inserts pending submissions and calls the
/// `portal_*` functions, which reach only what a challenge, a session token or a verification
/// code opens. It never reads the desk's tables itself, and it creates no request: a verified
/// submission and a reply wait for the desk's promoter (`dsar portal promote`, `PortalPromoter`).
public struct PortalStore {
    /// How long a code may be used, how often it may be tried, how long pending rows live
    /// (the functions of SQL/0125 apply the same figures).
    public static let codeLifetime: TimeInterval = 30 * 60
    public static let attemptLimit = 5
    public static let pendingLifetime: TimeInterval = 24 * 3600
    public static let sessionLifetime: TimeInterval = 30 * 60

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
        /// The submission is verified; the desk's promoter registers it and mails the acknowledgement.
        case verified
        /// A look-up opened a status session.
        case opened
        /// Wrong code; this many attempts are left.
        case wrong(attemptsLeft: Int)
        /// Too many wrong codes, expired, or no such challenge: a new one must be asked for.
        case locked, expired, unknown
    }

    /// Checks `code` for the submission of `challenge`; the right one marks it verified (the
    /// request is received at this moment), the fifth wrong one locks it.
    public func confirmSubmission(challenge: String, code: String?, now: Date) throws -> CodeOutcome {
        let challengeHash = PortalSecret.hash(token: challenge)
        let codeHash = code.map { PortalSecret.hash(code: $0, challenge: challengeHash) }
        return try Self.outcome(db.query("SELECT * FROM portal_confirm_submission(\(challengeHash), \(codeHash), \(now))"))
    }

    static func outcome(_ rows: Rows) throws -> CodeOutcome {
        guard let row = rows.first else { return .unknown }
        let (outcome, left) = try row.decode((String, Int).self)
        switch outcome {
        case "verified": return .verified
        case "opened": return .opened
        case "wrong": return .wrong(attemptsLeft: left)
        case "locked": return .locked
        case "expired": return .expired
        default: return .unknown
        }
    }

    // MARK: Status look-ups

    /// Records a look-up whatever it matches; true when the reference and address belong
    /// together (only then is the code sent).
    public func lookUp(reference: String, email: String, challenge: String, code: String, now: Date) throws -> Bool {
        let challengeHash = PortalSecret.hash(token: challenge)
        let wanted = RequestReference(reference)?.description ?? ""
        return try db.returned(
            """
            SELECT portal_begin_lookup(\(wanted), \(email), \(challengeHash),
                                       \(PortalSecret.hash(code: code, challenge: challengeHash)), \(now))
            """, "answer of portal_begin_lookup")
    }

    /// Checks the code of a look-up; the right one (for a look-up that matched) opens a session.
    /// A look-up that matched nothing answers exactly like a wrong code.
    public func confirmLookup(challenge: String, code: String?, sessionToken: String, now: Date) throws -> CodeOutcome {
        let challengeHash = PortalSecret.hash(token: challenge)
        let codeHash = code.map { PortalSecret.hash(code: $0, challenge: challengeHash) }
        return try Self.outcome(db.query(
            """
            SELECT * FROM portal_confirm_lookup(\(challengeHash), \(codeHash), \(PortalSecret.hash(token: sessionToken)), \(now))
            """))
    }

    /// Ends a status session.
    public func endSession(_ token: String) throws {
        try db.execute("SELECT portal_end_session(\(PortalSecret.hash(token: token)))")
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

    /// The request of a live session with its letters (the copy as sent: the stored text and
    /// its verification line), in one round trip; nil when the session has ended or never was.
    public func status(session token: String, now: Date) throws -> Status? {
        let rows = try db.query("SELECT * FROM portal_status(\(PortalSecret.hash(token: token)), \(now))")
        guard let first = rows.first else { return nil }
        let (reference, kind, state, receivedAt) = try first.decode((String, Right, RequestState, Date).self)
        let dueOn: LocalDate = try first.decode("due_on"), originalDueOn: LocalDate = try first.decode("original_due_on")
        let closedAt: Date? = try first.decode("closed_at"), zone: String = try first.decode("time_zone")
        let publicURL: String? = try first.decode("public_url")
        var letters: [Status.Letter] = []
        for row in rows {
            guard let kind: String = try row.decode("letter_kind") else { continue }
            let language: Language = try row.decode("letter_language"), producedAt: Date = try row.decode("letter_produced_at")
            let subject: String? = try row.decode("letter_subject")
            let body: String = try row.decode("letter_body"), code: String = try row.decode("letter_code")
            letters.append(Status.Letter(
                kind: kind, producedAt: producedAt, subject: subject ?? "",
                body: body + "\n" + LetterRenderer.footer(verificationCode: code, language: language, publicURL: publicURL)))
        }
        return Status(
            reference: reference, kind: kind, state: state, receivedAt: receivedAt, dueOn: dueOn, originalDueOn: originalDueOn,
            closedAt: closedAt, letters: letters, timeZone: TimeZone(identifier: zone) ?? .current)
    }

    /// Keeps the requester's reply for the desk's promoter, which stores it on the request as a
    /// reply by e-mail is stored (flag R in `dsar queue`); false when the session has ended.
    public func reply(session token: String, text: String, now: Date) throws -> Bool {
        try db.returned("SELECT portal_reply(\(PortalSecret.hash(token: token)), \(text), \(now))", "answer of portal_reply")
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
        guard let normalised = VerificationCode.normalised(code) else { return nil }
        guard let row = try db.query("SELECT * FROM portal_verify_letter(\(normalised))").first else { return nil }
        let (organisation, kind, producedAt, reference) = try row.decode((String, String, Date, String).self)
        return VerifiedLetter(organisation: organisation, kind: kind, producedAt: producedAt, reference: reference)
    }

    // MARK: Settings and housekeeping

    /// The settings the portal may read (`portal_settings`: organisation, sender, SMTP, public
    /// URL, and the default policy as `policy.name` and `policy.time_zone`).
    public func settings() throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try db.query("SELECT key, value FROM portal_settings") {
            let (key, value) = try row.decode((String, String).self)
            values[key] = value
        }
        return values
    }

    /// Deletes unverified submissions and look-ups older than 24 hours and ended sessions.
    @discardableResult
    public func purge(now: Date) throws -> Int {
        try db.returned("SELECT portal_purge(\(now))", "count of purged portal rows")
    }
}
