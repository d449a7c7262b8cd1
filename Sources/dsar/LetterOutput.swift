import DeskCore
import DeskProgram
import DeskStore
import Foundation
import LetterDesk
import MailTransport

/// Where `dsar letter` puts a produced letter: a file, the outbox and the mail server, or stdout.
enum LetterOutput {
    /// Prints what happened to `produced`: sent now through `sender`, written to `out`, or the letter itself.
    static func show(_ produced: ProducedLetter, sentBy sender: OutboxSender?, out: String?) throws {
        let stored = produced.letter
        if let sender, let outboxID = produced.outboxID {
            print("\(stored.reference): \(stored.kind) (\(stored.language.rawValue), eml) recorded, verification code \(stored.verificationCode); queued as outbox letter \(outboxID).")
            do {
                if let outcome = try sender.send([outboxID]).first {
                    print("Outbox letter \(outboxID): \(outcome.status.rawValue) — \(outcome.detail.prefix(160))")
                }
            } catch let error as MailTransportError {
                let failure = DeskFailure(mail: error)
                throw DeskFailure(
                    message: failure.message + " The letter stays queued; `dsar outbox send \(outboxID)` sends it.",
                    exitCode: failure.exitCode)
            }
        } else if let out {
            print("\(stored.reference): \(stored.kind) (\(stored.language.rawValue), \(stored.format)) written to \(out); verification code \(stored.verificationCode).")
        } else {
            FileHandle.standardOutput.write(Data(produced.content.utf8))
        }
    }

    /// Writes the letter to `path` (a regular file atomically, or a device such as /dev/stdout).
    static func write(_ content: String, to path: String) throws {
        do {
            if FileManager.default.isSpecialFile(atPath: path) {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(content.utf8))
            } else {
                try Data(content.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            throw DeskFailure(
                message: "Cannot write \(path.prefix(80)); check the folder's permissions. The letter was not recorded.",
                exitCode: DeskFailure.badInput)
        }
    }
}
