public import DeskCore
public import Foundation
public import Postgres

/// What the desk has learnt from its DPO (issue 13): the labels people gave messages (inbox
/// conversions and dismissals, `dsar reclassify`) and the models `dsar intake train` made.
public struct IntakeLearningStore {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Where a label came from.
    public enum LabelSource: String, Sendable {
        case convert, dismiss, reclassify
    }

    /// A message a person labelled, with its raw bytes (purged messages are left out).
    public struct LabelledMessage: Sendable {
        public let messageID: Int64
        public let raw: [UInt8]
        /// Primary first; empty: not a request.
        public let rights: [Right]
        public let language: Language?
        public let source: LabelSource
    }

    /// A model the desk trained.
    public struct StoredModel: Sendable {
        public let id: Int64
        public let trainedAt: Date
        public let trainedBy: String
        public let corpusMessages: Int
        public let deskMessages: Int
        public let sha256: String
        public let bytes: [UInt8]
    }

    /// Records (or replaces) the label of a message, inside the caller's transaction.
    public func label(messageID: Int64, rights: [Right], source: LabelSource, actor: String, now: Date) throws {
        let list = rights.map(\.rawValue).joined(separator: ",")
        try db.execute(
            """
            INSERT INTO intake_labels (message_id, rights, source, labelled_at, labelled_by)
            VALUES (\(messageID), \(list), \(source.rawValue), \(now), \(actor))
            ON CONFLICT (message_id) DO UPDATE
                SET rights = excluded.rights, source = excluded.source, labelled_at = excluded.labelled_at,
                    labelled_by = excluded.labelled_by
            """)
    }

    /// Every labelled message whose raw bytes the desk still holds, in message order.
    public func labelledMessages() throws -> [LabelledMessage] {
        try db.query(
            """
            SELECT l.message_id, m.raw, l.rights, m.language, l.source
            FROM intake_labels l JOIN messages m ON m.id = l.message_id
            WHERE m.raw IS NOT NULL ORDER BY l.message_id
            """
        ).map { row in
            let (id, raw, rights, language, source) = try row.decode((Int64, PostgresBytes, String, Language?, String).self)
            return LabelledMessage(
                messageID: id, raw: raw.bytes, rights: rights.split(separator: ",").compactMap { Right(rawValue: String($0)) },
                language: language, source: LabelSource(rawValue: source) ?? .convert)
        }
    }

    /// Stores a newly trained model; the importer uses the newest from now on.
    public func save(model bytes: [UInt8], corpusMessages: Int, deskMessages: Int, actor: String, now: Date) throws -> StoredModel {
        try db.withTransaction { db in
            let digest = SHA256.hex(bytes)
            let id: Int64 = try db.returned(
                """
                INSERT INTO intake_models (trained_at, trained_by, corpus_messages, desk_messages, sha256, model)
                VALUES (\(now), \(actor), \(corpusMessages), \(deskMessages), \(digest), \(PostgresBytes(bytes)))
                RETURNING id
                """, "id of the new model")
            try AuditLog(db).append(
                .intakeModelTrained(modelID: id, sha256: digest, corpusMessages: corpusMessages, deskMessages: deskMessages),
                requestID: nil, occurredAt: now, recordedAt: now, actor: actor)
            return StoredModel(id: id, trainedAt: now, trainedBy: actor, corpusMessages: corpusMessages,
                               deskMessages: deskMessages, sha256: digest, bytes: bytes)
        }
    }

    /// The desk's newest model, or nil when `dsar intake train` never stored one.
    public func latestModel() throws -> StoredModel? {
        guard let row = try db.query(
            """
            SELECT id, trained_at, trained_by, corpus_messages, desk_messages, sha256, model
            FROM intake_models ORDER BY id DESC LIMIT 1
            """
        ).first else { return nil }
        let (id, trainedAt, trainedBy, corpus, desk, digest, model) =
            try row.decode((Int64, Date, String, Int, Int, String, PostgresBytes).self)
        return StoredModel(id: id, trainedAt: trainedAt, trainedBy: trainedBy, corpusMessages: corpus, deskMessages: desk,
                           sha256: digest, bytes: model.bytes)
    }
}
