public import DeskCore
public import DeskStore
public import Foundation
public import Letters
public import Postgres

/// A letter produced and recorded: the stored row and the content in the format asked for.
public struct ProducedLetter: Sendable {
    public let letter: StoredLetter
    /// The rendered letter with its verification line.
    public let rendered: RenderedLetter
    public let format: LetterFormat
    /// What to print or write: the text, the HTML page, or the `.eml` (CRLF line endings).
    public let content: String
    /// The outbox row, when the letter was queued for sending.
    public internal(set) var outboxID: Int64? = nil
}

/// Produces a letter for a stored request (SPEC §6): builds its context from the database,
/// renders it, records it in `letters` with its verification code, and audits `letter_produced`.
///
/// Lifecycle commands (identity request, clarify, extend, lift notice) and the intake
/// (acknowledgement) call `produce` inside their own transaction, so the letter and the state
/// change are stored together or not at all.
public struct LetterProducer {
    let db: Connection
    let renderer: LetterRenderer

    /// A producer writing through `db`, with templates loaded from `renderer`.
    public init(db: Connection, renderer: LetterRenderer) {
        self.db = db
        self.renderer = renderer
    }

    /// A producer with the project's `Templates/` (found by `ResourceLocator`), compiled for
    /// `kinds` only when the caller knows which letters it will produce (every kind when nil).
    public init(db: Connection, kinds: Set<LetterKind>? = nil) throws {
        let directory = try ResourceLocator.templatesDirectory()
        self.init(db: db, renderer: try LetterRenderer(templatesDirectory: directory, kinds: kinds))
    }

    /// The same producer writing through another connection (the caller's open transaction).
    public func inTransaction(_ db: Connection) -> LetterProducer {
        LetterProducer(db: db, renderer: renderer)
    }

    /// Resolves a letter name typed by a person: a `LetterKind` raw value (dashes allowed), or
    /// `fulfilled` / `refusal`, which take the request's right or refusal ground.
    public static func kind(named name: String, for request: StoredRequest) throws -> LetterKind {
        guard let kind = LetterKind.named(name.lowercased(), right: request.kind, ground: request.ground) else {
            let names = ["fulfilled", "refusal"] + LetterKind.allCases.map(\.rawValue)
            throw StoreError(.unknownLetter, value: name, detail: names.joined(separator: ", "))
        }
        return kind
    }

    /// Produces `kind` for the request `reference` inside the caller's transaction.
    ///
    /// - Parameters:
    ///   - language: the letter's language; the requester's when nil.
    ///   - recipientName: the third party of a `recipient_notification` (required for it).
    /// - Throws: `StoreError` — `invalidInput` (missing settings, no e-mail address for `.eml`),
    ///   `refused` (the letter does not fit the request's state), `notFound` (no such request).
    public func produce(
        _ kind: LetterKind, for reference: String, language: Language? = nil, format: LetterFormat = .text,
        recipientName: String? = nil, actor: String, now: Date
    ) throws -> ProducedLetter {
        // Locked: a concurrent state change waits for this letter, so the letter's event is
        // never logged from a state the request has already left.
        let request = try RequestStore(db).find(reference, locked: true)
        return try produce(kind, for: request, language: language, format: format, recipientName: recipientName, actor: actor, now: now)
    }

    /// `produce` for a request already read (and locked) in this transaction.
    func produce(
        _ kind: LetterKind, for request: StoredRequest, language: Language?, format: LetterFormat,
        recipientName: String?, actor: String, now: Date
    ) throws -> ProducedLetter {
        try LetterEligibility.check(kind, for: request)
        let letters = LetterStore(db)
        let facts = LetterFacts(
            request: request,
            policy: try PolicyCatalog(db).load(request.policy),
            settings: try SettingsStore(db).values(),
            evidence: try letters.evidence(request.id),
            extensionReason: try letters.extensionReason(request.id),
            clarificationQuestion: try letters.clarificationQuestion(request.id),
            originalMessageID: request.channel == .email ? try letters.originalMessageID(messageRowID: request.messageID) : nil,
            retention: request.ground == .legalObligationToRetain ? try letters.retention(request.id) : nil)
        let (new, rendered) = try Self.render(
            kind, facts: facts, language: language, format: format, recipientName: recipientName, now: now, renderer: renderer)
        let id = try letters.reserveID()
        let code = try letters.freeVerificationCode(sha256: new.sha256)
        let publicURL = facts.settings["portal.public_url"]
        let signed = rendered.appendingFooter(
            LetterRenderer.footer(verificationCode: code, language: new.language, publicURL: publicURL),
            qrURL: LetterRenderer.verificationURL(publicURL: publicURL, code: code))

        let content: String
        var messageID: String?
        switch format {
        case .text:
            content = signed.text
        case .html:
            content = signed.html
        case .eml:
            let email = compose(signed, request: request, facts: facts, letterID: id, now: now)
            content = email.eml
            messageID = email.messageID
        }
        let stored = try letters.record(
            new, id: id, verificationCode: code, messageID: messageID, state: request.state, actor: actor, now: now)
        return ProducedLetter(letter: stored, rendered: signed, format: format, content: content)
    }

    /// The letter `kind` about `facts.request`, rendered but not yet signed (the verification code
    /// depends on the hash of its text) nor recorded; what is recorded is `NewLetter`.
    static func render(
        _ kind: LetterKind, facts: LetterFacts, language: Language?, format: LetterFormat, recipientName: String?, now: Date,
        renderer: LetterRenderer
    ) throws -> (NewLetter, RenderedLetter) {
        var rendered: RenderedLetter?
        let new = try newLetter(kind, facts: facts, language: language, format: format, recipientName: recipientName, now: now) {
            let letter = try renderer.render(kind, language: $0, context: $1)
            rendered = letter
            return (letter.subject, letter.text)
        }
        guard let rendered else { throw StoreError(.letterNotRendered, name: kind.rawValue) }
        return (new, rendered)
    }

    /// The letter to record: the context of `kind` built from `facts`, handed to `render` (which
    /// gives its subject and text), in the letter's language, for its recipient.
    static func newLetter(
        _ kind: LetterKind, facts: LetterFacts, language: Language?, format: LetterFormat, recipientName: String?, now: Date,
        render: (Language, LetterContext) throws -> (subject: String, text: String)
    ) throws -> NewLetter {
        let request = facts.request
        let language = language ?? request.requester.language
        let recipient = kind.isToRecipient ? recipientName?.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        let context = try LetterContextBuilder.context(
            for: kind, language: language, facts: facts, today: LocalDate(now, in: facts.policy.timeZone),
            recipientName: recipient)
        if format == .eml { try Self.checkAddressable(kind, request: request) }

        let subject: String
        let text: String
        (subject, text) = try render(language, context)
        return NewLetter(
            requestID: request.id, kind: kind.rawValue, language: language, format: format.rawValue,
            subject: subject, body: text, recipient: recipient)
    }

    /// `produce` for a letter name typed by a person (`fulfilled`, `refusal`, `extension_notice`…).
    public func produce(
        named name: String, for reference: String, language: Language? = nil, format: LetterFormat = .text,
        recipientName: String? = nil, actor: String, now: Date
    ) throws -> ProducedLetter {
        let request = try RequestStore(db).find(reference, locked: true)
        let kind = try Self.kind(named: name, for: request)
        return try produce(kind, for: request, language: language, format: format, recipientName: recipientName, actor: actor, now: now)
    }

    /// `produce(named:…)` in a transaction of its own, for `dsar letter`.
    ///
    /// `deliver` runs before the commit (writing the file, say): when it throws, the letter is
    /// not recorded, so the desk never lists a letter that nobody received.
    public func produceInTransaction(
        named name: String, for reference: String, language: Language?, format: LetterFormat, recipientName: String?,
        actor: String, now: Date, queue: Bool = false, deliver: (ProducedLetter) throws -> Void = { _ in }
    ) throws -> ProducedLetter {
        // Two desks producing the same text at the same moment may pick the same free code;
        // the loser's insert hits the unique index and simply tries again with the next code.
        var attempt = 1
        while true {
            do {
                return try db.withRetryingTransaction { db in
                    var produced = try LetterProducer(db: db, renderer: renderer).produce(
                        named: name, for: reference, language: language, format: queue ? .eml : format,
                        recipientName: recipientName, actor: actor, now: now)
                    if queue {
                        produced.outboxID = try OutboxStore(db).queue(
                            letterID: produced.letter.id, message: Array(produced.content.utf8), actor: actor, now: now)
                    }
                    try deliver(produced)
                    return produced
                }
            } catch let error as PostgresError where error.sqlState == .uniqueViolation && attempt < 3 {
                attempt += 1
            }
        }
    }

    static func checkAddressable(_ kind: LetterKind, request: StoredRequest) throws {
        if kind.isToRecipient {
            throw StoreError(.recipientHasNoEmail)
        }
        guard let email = request.requester.email, !email.isEmpty else {
            throw StoreError(.requesterHasNoEmail, reference: request.reference)
        }
    }

    /// The `.eml`: from the organisation at the DPO's address, to the requester, threaded under
    /// the requester's original message.
    func compose(_ letter: RenderedLetter, request: StoredRequest, facts: LetterFacts, letterID: Int64, now: Date) -> ComposedEmail {
        let dpoEmail = facts.settings["dpo.email"] ?? ""
        let original = facts.originalMessageID
        return EmailComposer(domain: Self.mailDomain(facts.settings)).compose(
            letter,
            from: EmailAddress(name: facts.settings["organisation.name"], address: dpoEmail),
            to: EmailAddress(name: request.requester.name, address: request.requester.email ?? ""),
            reference: request.reference,
            letterID: String(letterID),
            inReplyTo: original,
            references: original.map { [$0] } ?? [],
            date: now)
    }

    /// The domain of the desk's Message-IDs: `mail.domain`, else the DPO's address's.
    static func mailDomain(_ settings: [String: String]) -> String {
        settings["mail.domain"] ?? (settings["dpo.email"] ?? "").split(separator: "@").last.map(String.init) ?? "desk.invalid"
    }
}
