import DeskIntake
import DeskProgram
import DeskStore
import Postgres

/// How `dsar intake import` runs: storing, or a dry run against the desk, or (the database
/// unreachable) a dry run from the messages alone.
enum IntakeImportMode {
    /// The importer's mode and the connection it uses, if any; an unknown `policy` is refused
    /// before any message is read.
    static func open(_ global: GlobalOptions, dryRun: Bool, policy: String?) throws -> (IntakeImporter.Mode, Connection?) {
        let mode: IntakeImporter.Mode
        var db: Connection?
        if dryRun {
            do {
                let session = try DeskSession.open(global)
                try checkPolicy(policy, session)
                db = session.db
                mode = .dryRun(IntakeStore(session.db))
            } catch let failure as DeskFailure where failure.exitCode != DeskFailure.unavailable {
                throw failure
            } catch let error where DeskFailure(error).exitCode == DeskFailure.unavailable {
                FileHandleOutput.note(
                    "The database cannot be reached; statuses come from the messages alone (no duplicate or reply check against the desk).")
                mode = .offline
            }
        } else {
            let session = try DeskSession.open(global)
            try checkPolicy(policy, session)
            db = session.db
            let acknowledgements = try IntakeAcknowledgements(db: session.db, actor: session.actor, now: session.now)
            if !acknowledgements.missingSettings.isEmpty {
                FileHandleOutput.note(missingSettingsNote(acknowledgements.missingSettings))
            }
            mode = .store(IntakeStore(session.db), actor: session.actor, now: session.now, hooks: acknowledgements.hooks)
        }
        return (mode, db)
    }

    /// The note when letter settings are missing, so new requests get no acknowledgement.
    static func missingSettingsNote(_ keys: [String]) -> String {
        "No acknowledgement letters are produced until these settings are set: \(keys.joined(separator: ", ")) (`dsar settings set KEY VALUE`)."
    }

    static func checkPolicy(_ policy: String?, _ session: DeskSession) throws {
        if let policy { _ = try PolicyCatalog(session.db).load(policy) }
    }
}
