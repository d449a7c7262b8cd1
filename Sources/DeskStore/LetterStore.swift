public import DeskCore
public import Foundation
public import Postgres

/// A letter as recorded in the `letters` table.
public struct StoredLetter: Sendable, Hashable {
    public let id: Int64
    public let requestID: Int64
    public let reference: String
    public let kind: String
    public let language: Language
    public let format: String
    /// SHA-256 of the letter's text before the verification line.
    public let sha256: String
    public let verificationCode: String
    public let subject: String?
    /// The text before the verification line; nil once purged.
    public let body: String?
    public let messageID: String?
    public let recipient: String?
    public let producedAt: Date
    public let producedBy: String
}

/// What a letter needs recorded before it can be stored.
public struct NewLetter: Sendable {
    public var requestID: Int64
    public var kind: String
    public var language: Language
    /// `text`, `html` or `eml`.
    public var format: String
    public var subject: String
    /// The text before the verification line (what is hashed).
    public var body: String
    /// The third party of a recipient notification.
    public var recipient: String?

    public init(requestID: Int64, kind: String, language: Language, format: String, subject: String, body: String, recipient: String? = nil) {
        self.requestID = requestID
        self.kind = kind
        self.language = language
        self.format = format
        self.subject = subject
        self.body = body
        self.recipient = recipient
    }

    public var sha256: String { SHA256.hex(body) }
}

/// What `dsar letter verify --file` found.
public enum LetterFileVerification: Sendable, Hashable {
    /// The text is exactly the stored letter's.
    case genuine(StoredLetter)
    /// The code is ours but the text differs from the letter it was printed on.
    case altered(StoredLetter)
    /// The file carries a code the desk never issued.
    case unknownCode(String)
    /// The file carries no code and its text matches no letter.
    case unknownText
}

/// Letters produced, clarification questions and the facts letters quote, in PostgreSQL.
public struct LetterStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    static let selectLetter: Query = """
        SELECT l.id, l.request_id, r.reference, l.kind, l.language, l.format, l.sha256, l.verification_code, l.subject,
               l.body, l.message_id, l.recipient, l.produced_at, l.produced_by
        FROM letters l JOIN requests r ON r.id = l.request_id
        """

    static func letter(_ row: Row) throws -> StoredLetter {
        let (id, requestID, reference, kind, language, format, sha256, code, subject, body, messageID, recipient, at, by) =
            try row.decode((Int64, Int64, String, String, Language, String, String, String, String?, String?, String?, String?, Date, String).self)
        return StoredLetter(
            id: id, requestID: requestID, reference: reference, kind: kind, language: language, format: format, sha256: sha256,
            verificationCode: code, subject: subject, body: body, messageID: messageID, recipient: recipient,
            producedAt: at, producedBy: by)
    }

    // MARK: Recording letters

    /// Reserves the id of the next letter (its Message-ID carries it before the row exists).
    public func reserveID() throws -> Int64 {
        guard let row = try db.query("SELECT nextval(pg_get_serial_sequence('letters', 'id'))").first else {
            throw StoreError(.letterSequenceMissing)
        }
        return try row.decode(column: 0)
    }

    /// The ids of the next `count` letters, in order.
    public func reserveIDs(_ count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try db.query(
            "SELECT nextval(pg_get_serial_sequence('letters', 'id')) FROM generate_series(1, \(count))"
        ).map { try $0.decode(column: 0, as: Int64.self) }
    }

    /// The verification code the next letter with `sha256` gets: the hash's own code, or a
    /// derived one when that code is already taken by an identical letter.
    public func freeVerificationCode(sha256: String) throws -> String {
        try freeVerificationCode(sha256: sha256, taken: { code in
            try db.query("SELECT 1 FROM letters WHERE verification_code = \(code)").count > 0
        })
    }

    /// `freeVerificationCode` for letters recorded one after the other in this order (a code
    /// given to an earlier one is taken for the later ones), reading the desk once.
    public func freeVerificationCodes(sha256s: [String]) throws -> [String] {
        let first = sha256s.map { VerificationCode.code(sha256Hex: $0, attempt: 0) }
        var taken = Set(try db.query(
            "SELECT verification_code FROM letters WHERE verification_code = ANY(\(PostgresTextArray(first))::text[])"
        ).map { try $0.decode(column: 0, as: String.self) })
        var codes: [String] = []
        codes.reserveCapacity(sha256s.count)
        for sha256 in sha256s {
            let code = try freeVerificationCode(sha256: sha256, taken: { code in
                if taken.contains(code) { return true }
                // Derived codes (an identical letter exists) were not read above.
                return try code != VerificationCode.code(sha256Hex: sha256, attempt: 0)
                    && db.query("SELECT 1 FROM letters WHERE verification_code = \(code)").count > 0
            })
            taken.insert(code)
            codes.append(code)
        }
        return codes
    }

    private func freeVerificationCode(sha256: String, taken: (String) throws -> Bool) throws -> String {
        for attempt in 0..<100 {
            let code = VerificationCode.code(sha256Hex: sha256, attempt: attempt)
            if try !taken(code) { return code }
        }
        throw StoreError(.letterCopiesExhausted)
    }

    /// Stores a letter and appends `letter_produced` (id, kind, language, format; never the body)
    /// in the caller's transaction.
    @discardableResult
    public func record(
        _ letter: NewLetter, id: Int64, verificationCode: String, messageID: String?, state: RequestState,
        actor: String, now: Date
    ) throws -> StoredLetter {
        try db.execute(
            """
            INSERT INTO letters (id, request_id, kind, language, format, sha256, verification_code, subject, body,
                                 message_id, recipient, produced_at, produced_by)
            VALUES (\(id), \(letter.requestID), \(letter.kind), \(letter.language), \(letter.format), \(letter.sha256),
                    \(verificationCode), \(letter.subject), \(letter.body), \(messageID), \(letter.recipient), \(now), \(actor))
            """)
        let prepared = PreparedLetter(id: id, letter: letter, verificationCode: verificationCode, messageID: messageID)
        try AuditLog(db).append(
            prepared.event(state: state), requestID: letter.requestID, occurredAt: now, recordedAt: now, actor: actor)
        guard let stored = try find(id: id) else { throw StoreError(.letterNotStored, id: id) }
        return stored
    }

    // MARK: Finding and verifying

    /// The letter with this id.
    public func find(id: Int64) throws -> StoredLetter? {
        try db.query(Self.selectLetter + " WHERE l.id = \(id)").first.map(Self.letter)
    }

    /// The letter a verification code was printed on (any case, dashes optional), or `notFound`.
    public func find(code typed: String) throws -> StoredLetter {
        guard let code = VerificationCode.normalised(typed) else {
            throw StoreError(.invalidVerificationCode, value: typed)
        }
        guard let row = try db.query(Self.selectLetter + " WHERE l.verification_code = \(code)").first else {
            throw StoreError(.verificationCodeUnknown, value: code)
        }
        return try Self.letter(row)
    }

    /// The letters of a request, oldest first.
    public func letters(requestID: Int64) throws -> [StoredLetter] {
        try db.query(Self.selectLetter + " WHERE l.request_id = \(requestID) ORDER BY l.id").map(Self.letter)
    }

    /// Checks a letter's text (as printed, with its verification line) against the stored hash.
    public func verify(letterText: String) throws -> LetterFileVerification {
        if let (body, code) = VerificationCode.split(letterText: letterText) {
            let letter: StoredLetter
            do {
                letter = try find(code: code)
            } catch let error as StoreError where error.code == .verificationCodeUnknown {
                return .unknownCode(code)
            }
            return SHA256.hex(body) == letter.sha256 ? .genuine(letter) : .altered(letter)
        }
        let normalised = letterText.replacingOccurrences(of: "\r\n", with: "\n")
        let hash = SHA256.hex(normalised.hasSuffix("\n") ? normalised : normalised + "\n")
        if let row = try db.query(Self.selectLetter + " WHERE l.sha256 = \(hash) ORDER BY l.id LIMIT 1").first {
            return .genuine(try Self.letter(row))
        }
        return .unknownText
    }

    // MARK: Facts that letters quote

    /// Records the question a clarification request asks (called by `dsar clarify`).
    public func recordClarification(requestID: Int64, question: String, askedAt: Date, actor: String, now: Date) throws {
        try db.execute(
            """
            INSERT INTO clarifications (request_id, question, asked_at, recorded_at, recorded_by)
            VALUES (\(requestID), \(question), \(askedAt), \(now), \(actor))
            """)
    }

    /// The latest clarification question asked on a request.
    public func clarificationQuestion(_ requestID: Int64) throws -> String? {
        try db.query(
            "SELECT question FROM clarifications WHERE request_id = \(requestID) ORDER BY asked_at DESC, id DESC LIMIT 1"
        ).first?.decode(column: 0, as: String.self)
    }

    /// The reason of the latest extension of a request.
    public func extensionReason(_ requestID: Int64) throws -> String? {
        try db.query(
            "SELECT reason FROM extensions WHERE request_id = \(requestID) ORDER BY granted_at DESC, id DESC LIMIT 1"
        ).first?.decode(column: 0, as: String.self)
    }

    /// The law and retention period of a refusal on `legal_obligation_to_retain`, if recorded.
    public func retention(_ requestID: Int64) throws -> RetentionObligation? {
        try db.query("SELECT law, period FROM refusal_retentions WHERE request_id = \(requestID)").first.map { row in
            let (law, period) = try row.decode((String, String).self)
            return RetentionObligation(law: law, period: period)
        }
    }

    /// The evidence recorded on a request, oldest first.
    public func evidence(_ requestID: Int64) throws -> [Evidence] {
        let decoder = Self.evidenceDecoder()
        return try db.query("SELECT details::text FROM evidence WHERE request_id = \(requestID) ORDER BY occurred_at, id").map { row in
            let details = try row.decode(column: 0, as: String.self)
            do {
                return try decoder.decode(Evidence.self, from: Data(details.utf8))
            } catch {
                throw StoreError(.evidenceUnreadable, id: requestID)
            }
        }
    }

    /// Reads `evidence.details` (ISO 8601 instants, with or without fractional seconds).
    static func evidenceDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            if let date = formatter.date(from: text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 instant"))
        }
        return decoder
    }

    /// The Message-ID header of the stored message a request came from, when it came by e-mail.
    public func originalMessageID(messageRowID: Int64?) throws -> String? {
        guard let messageRowID else { return nil }
        return try db.query("SELECT message_id FROM messages WHERE id = \(messageRowID)").first?.decode(column: 0, as: String?.self)
    }
}
