import DeskCore
import DeskStore
import LetterDesk
import Letters

/// The shared run of the lifecycle commands (`start`, `identity`, `clarify`, …): apply one action
/// through the store and print what changed.
enum LifecycleCommand {
    static func run(_ action: LifecycleAction, reference: String, global: GlobalOptions, at: String?) throws {
        let session = try DeskSession.open(global)
        let letterKind = LetterKind.required(by: action)
        let producer = try letterKind.map { try LetterProducer(db: session.db, kinds: [$0]) }
        var letter: ProducedLetter?
        let applied = try session.requests.apply(
            action, to: reference, actor: session.actor, occurredAt: try session.occurredAt(at), now: session.now,
            alongside: letterKind.flatMap { kind in
                producer.map { producer in
                    { db, applied in
                        letter = try producer.inTransaction(db).produceForStep(
                            kind, for: applied.request.reference, actor: session.actor, now: session.now)
                    }
                }
            })
        let request = applied.request
        var line = "\(request.reference): \(applied.outcome.from.rawValue) → \(applied.outcome.to.rawValue)"
        if request.state.isClosed {
            line += " (closed)"
        } else {
            line += ", due \(request.dueOn.iso)"
            if request.isPaused { line += ", clock paused" }
            if let extended = request.extendedBy { line += ", extended by \(extended)" }
        }
        print(line)
        if let letter, let outbox = letter.outboxID {
            print("Letter \(letter.letter.kind) recorded, verification code \(letter.letter.verificationCode); queued for sending as outbox letter \(outbox) (`dsar outbox send --all`).")
        } else if let letter {
            print("Letter \(letter.letter.kind) recorded, verification code \(letter.letter.verificationCode):\n")
            print(letter.content)
        }
    }
}
