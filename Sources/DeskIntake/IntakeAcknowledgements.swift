import DeskCore
public import DeskStore
public import Foundation
import LetterDesk
public import Postgres

/// The acknowledgement letter (SPEC §6) for every request the intake creates, recorded in the
/// transaction that stores the message: rendered for a whole batch and written with it in bulk,
/// or one request at a time when the batch is stored message by message.
public struct IntakeAcknowledgements {
    /// What the intake does for each new request.
    public let hooks: IntakeStore.Hooks
    /// The letter settings that are still empty; while any is, no letter is produced (requests
    /// are still created) and the caller tells the desk, once, why.
    public let missingSettings: [String]

    /// Reads the desk's settings and prepares the letter producer.
    public init(db: Connection, actor: String, now: Date) throws {
        let settings = try SettingsStore(db).values()
        missingSettings = SettingsStore.missingForLetters(in: settings)
        guard missingSettings.isEmpty else {
            hooks = .none
            return
        }
        let producer = try LetterProducer(db: db, kinds: [.acknowledgement])
        // With mail.auto_send on, each acknowledgement also enters the outbox (SPEC §6) as the
        // .eml it is sent as; the bulk path renders text only, so such a desk writes one
        // request at a time.
        let queue = SettingsStore.isOn(settings["mail.auto_send"])
        let perRequest: (StoredRequest, Connection) throws -> Void = { request, db in
            let produced = try producer.inTransaction(db).produce(
                .acknowledgement, for: request.reference, format: request.requester.email == nil ? .text : .eml,
                actor: actor, now: now)
            if queue, produced.format == .eml {
                try OutboxStore(db).queue(letterID: produced.letter.id, message: Array(produced.content.utf8), actor: actor, now: now)
            }
        }
        hooks = IntakeStore.Hooks(
            onRequestCreated: perRequest,
            lettersForBatch: queue ? nil : { requests, db in
                try producer.inTransaction(db).acknowledgements(for: requests, now: now)
            })
    }
}
