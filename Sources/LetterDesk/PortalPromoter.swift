import DeskCore
import DeskStore
import Letters
public import Foundation
public import Postgres

/// The desk's side of the portal (`dsar portal promote`): the portal, as `dsar_portal`, may only
/// leave verified submissions and replies in its own tables (SQL/0125_portal_role.sql); this
/// turns them into what the desk writes through its normal path, as a desk user. A verified
/// submission becomes a request (channel web form, received when its code was entered) with its
/// acknowledgement `.eml` in the outbox; a reply becomes an inbound `reply` message (flag R in
/// `dsar queue`) with its `reply_received` event. Each row is one transaction, deleted with what
/// it became, so a crash promotes it once or not yet; `SKIP LOCKED` lets promoters run side by side.
public struct PortalPromoter {
    /// The audit actor of everything promoted from the portal.
    public static let actor = "portal"

    let db: Connection
    let producer: LetterProducer

    public init(db: Connection, producer: LetterProducer) {
        self.db = db
        self.producer = producer
    }

    /// What one pass did.
    public struct Outcome: Sendable, Equatable {
        /// The references of the requests registered, in order.
        public var registered: [String] = []
        /// The acknowledgements queued in the outbox (the letter settings were complete).
        public var acknowledgementsQueued = 0
        public var replies = 0
    }

    /// Promotes everything waiting, oldest first.
    public func promote(now: Date) throws -> Outcome {
        var outcome = Outcome()
        while let (reference, queued) = try promoteNextSubmission(now: now) {
            outcome.registered.append(reference)
            if queued { outcome.acknowledgementsQueued += 1 }
        }
        while try promoteNextReply(now: now) { outcome.replies += 1 }
        return outcome
    }

    /// Registers the oldest verified submission; nil when none waits.
    func promoteNextSubmission(now: Date) throws -> (reference: String, queued: Bool)? {
        try db.withRetryingTransaction { db in
            guard let row = try db.query(
                """
                SELECT id, kind, name, email, phone, details, language, policy, verified_at
                FROM portal_submissions WHERE verified_at IS NOT NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """
            ).first else { return nil }
            let (id, kind, name, email, phone, details) = try row.decode((Int64, Right, String, String, String?, String?).self)
            let language: Language = try row.decode("language"), policy: String? = try row.decode("policy")
            let verifiedAt: Date = try row.decode("verified_at")
            let new = NewRequest(
                kind: kind, requesterName: name, email: email, phone: phone, language: language, channel: .webForm, policy: policy,
                details: details, receivedAt: verifiedAt)
            let request = try RequestStore(db).insert(new, actor: Self.actor, now: now)
            let settings = try SettingsStore(db).values()
            var queued = false
            if SettingsStore.missingForLetters(in: settings).isEmpty {
                let letter = try producer.inTransaction(db).produce(
                    .acknowledgement, for: request.reference, format: .eml, actor: Self.actor, now: now)
                _ = try OutboxStore(db).queue(letterID: letter.letter.id, message: Array(letter.content.utf8), actor: Self.actor, now: now)
                queued = true
            }
            try db.execute("DELETE FROM portal_submissions WHERE id = \(id)")
            return (request.reference, queued)
        }
    }

    /// Stores the oldest waiting reply on its request; false when none waits.
    func promoteNextReply(now: Date) throws -> Bool {
        try db.withRetryingTransaction { db in
            guard let row = try db.query(
                "SELECT id, request_id, body, received_at FROM portal_replies ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
            ).first else { return false }
            let (id, requestID, text, receivedAt) = try row.decode((Int64, Int64, String, Date).self)
            let request = try RequestStore(db).find(id: requestID)
            let subject = "Re: \(request.reference)"
            let raw = Self.replyMessage(request: request, subject: subject, text: text, date: receivedAt)
            guard let messageID: Int64 = try db.query(
                """
                INSERT INTO messages (sha256, raw, size_bytes, source, from_name, from_email, subject, sent_at, imported_at,
                                      status, language, request_id)
                VALUES (\(SHA256.hex(raw)), \(PostgresBytes(raw)), \(raw.count), 'portal', \(request.requester.name),
                        \(request.requester.email), \(subject), \(receivedAt), \(now), 'reply', \(request.requester.language), \(requestID))
                ON CONFLICT (sha256) DO NOTHING
                RETURNING id
                """
            ).first?.decode(column: 0) else {
                // The same text at the same second was stored already: the reply is there once.
                try db.execute("DELETE FROM portal_replies WHERE id = \(id)")
                return true
            }
            _ = try AuditLog(db).append(
                .replyReceived(messageID: messageID, state: request.state),
                requestID: requestID, occurredAt: receivedAt, recordedAt: now, actor: Self.actor)
            try db.execute("DELETE FROM portal_replies WHERE id = \(id)")
            return true
        }
    }

    /// The reply as a message the desk can read like any other (RFC 5322, UTF-8, CRLF).
    static func replyMessage(request: StoredRequest, subject: String, text: String, date: Date) -> [UInt8] {
        let body = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let headers = [
            "From: \(request.requester.email ?? "portal")",
            "Subject: \(subject)",
            "Date: \(EmailComposer.rfc5322Date(date))",
            "X-DSAR-Channel: portal",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8)
    }
}
