import DeskIntake
import DeskProgram
import Foundation
import MailIntake
import MailTransport

/// The passes of `dsar intake fetch`: one, or one every `--every` until interrupted, each ending
/// with its summary (on stderr with --json, where stdout has one JSON object per message).
struct FetchLoop {
    let job: MailboxFetchJob
    let account: MailAccount
    let dryRun: Bool
    let json: Bool

    func run(every: Double?) throws {
        let interruption = Interruption()
        var told = Set<String>()
        repeat {
            let report = try job.pass(
                now: try DeskClock.now(), clock: DeskClock.live, shouldStop: { interruption.isRaised },
                progress: FetchProgress.forTerminal(), emit: { record in
                    guard json else { return }
                    FileHandle.standardOutput.write(Data(record.jsonLine))
                })
            for note in Self.notes(missingLetterSettings: report.missingLetterSettings, outboxFailure: report.outboxFailure) where told.insert(note).inserted { FileHandleOutput.note(note) }
            let text = FetchSummary.render(report, account: account, dryRun: dryRun)
            if json { FileHandleOutput.note(text) } else { print(text) }
            guard let seconds = every else { break }
            interruption.sleep(seconds)
        } while !interruption.isRaised
    }

    /// What the desk is told once: letter settings still missing, the outbox not sent.
    static func notes(missingLetterSettings: [String], outboxFailure: (any Error)?) -> [String] {
        var notes: [String] = []
        if !missingLetterSettings.isEmpty { notes.append(IntakeImportMode.missingSettingsNote(missingLetterSettings)) }
        if let mail = outboxFailure as? MailTransportError {
            notes.append("The outbox was not sent: \(mail.description); `dsar outbox send --all` tries again.")
        } else if let failure = outboxFailure {
            notes.append("The outbox was not sent: \(DeskFailure(failure).message)")
        }
        return notes
    }
}
