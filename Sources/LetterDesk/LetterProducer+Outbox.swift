public import DeskCore
import DeskStore
public import Foundation
import Letters

extension LetterProducer {
    /// The letter a lifecycle step or the intake requires (SPEC §3), inside the caller's
    /// transaction: with `mail.auto_send` on and an e-mail address for the requester it is
    /// produced as `.eml` and queued in the outbox; otherwise produced as text, as before.
    public func produceForStep(_ kind: LetterKind, for reference: String, actor: String, now: Date) throws -> ProducedLetter {
        let request = try RequestStore(db).find(reference, locked: true)
        let autoSend = SettingsStore.isOn(try SettingsStore(db).value("mail.auto_send"))
        let addressable = !(request.requester.email ?? "").isEmpty && !kind.isToRecipient
        guard autoSend && addressable else {
            return try produce(kind, for: request, language: nil, format: .text, recipientName: nil, actor: actor, now: now)
        }
        var produced = try produce(kind, for: request, language: nil, format: .eml, recipientName: nil, actor: actor, now: now)
        produced.outboxID = try OutboxStore(db).queue(
            letterID: produced.letter.id, message: Array(produced.content.utf8), actor: actor, now: now)
        return produced
    }
}
