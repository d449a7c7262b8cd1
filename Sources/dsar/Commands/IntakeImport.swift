import ArgumentParser
import DeskIntake
import DeskStore
import Foundation
import MailIntake

extension Dsar.Intake {
    /// `dsar intake import PATH… [--dry-run] [--json] [--policy P]`
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import email: one request per right asked for, replies attached, the rest to the inbox.",
            discussion: """
                Each message is stored once (by SHA-256 and Message-ID), in transactions of a few hundred \
                messages stored whole or not at all, so an import stopped halfway can simply be run again: \
                what was stored is reported as duplicate. \
                A message naming an existing reference (DSAR-2026-000123) or answering a letter of the \
                desk is attached to that request; one asking for nothing recognisable becomes a triage \
                item (`dsar inbox`), and one that cannot be parsed is quarantined with its raw bytes. \
                --dry-run reads the desk to find duplicates and replies but writes nothing.

                Example:
                  dsar intake import inbox.mbox ~/Maildir/dpo letter.eml - --dry-run --json < forwarded.eml
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Mail to import: .eml files, mbox files, Maildir folders, or - for one message on stdin.")
        var paths: [String]
        @Flag(help: "Say what would happen without writing anything.") var dryRun = false
        @Flag(help: "One JSON object per message (source, message_id, …, status, reference, reason).") var json = false
        @Option(help: "Policy for the new requests (uz, uz-state, gdpr, ru); default: the desk's default policy.")
        var policy: String?

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("Give at least one .eml file, mbox file, Maildir folder or -.") }
            guard paths.filter({ $0 == "-" }).count <= 1 else {
                throw ValidationError("Standard input (-) can be read only once; give - a single time.")
            }
            for path in paths where path != "-" {
                do {
                    _ = try MailSource.kind(of: path)
                } catch {
                    throw ValidationError("\(path): \(error.detail) Give an .eml file, an mbox file or a Maildir folder.")
                }
            }
        }

        func run() throws {
            let now = try DeskClock.now()
            let mode: IntakeImporter.Mode
            if dryRun {
                do {
                    let session = try DeskSession.open(global)
                    try checkPolicy(session)
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
                try checkPolicy(session)
                let acknowledgements = try IntakeAcknowledgements(db: session.db, actor: session.actor, now: session.now)
                if !acknowledgements.missingSettings.isEmpty {
                    FileHandleOutput.note(
                        "No acknowledgement letters are produced until these settings are set: \(acknowledgements.missingSettings.joined(separator: ", ")) (`dsar settings set KEY VALUE`).")
                }
                mode = .store(IntakeStore(session.db), actor: session.actor, now: session.now, hooks: acknowledgements.hooks)
            }
            let importer = IntakeImporter(mode: mode, policy: policy, now: now)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let summary = try importer.run(paths, progress: IntakeProgress.forTerminal(paths: paths)) { record in
                guard json else { return }
                // Unbuffered, one line per message, so a consumer sees each as soon as it is done.
                FileHandle.standardOutput.write(try encoder.encode(record) + Data("\n".utf8))
            }
            let text = render(summary)
            if json { FileHandleOutput.note(text) } else { print(text) }
        }

        /// An unknown --policy is refused before any message is read.
        func checkPolicy(_ session: DeskSession) throws {
            if let policy { _ = try PolicyCatalog(session.db).load(policy) }
        }

        func render(_ summary: IntakeImporter.Summary) -> String {
            let rows: [(String, Int)] = [
                ("messages", summary.messages), ("new", summary.new), ("replies", summary.replies),
                ("duplicates", summary.duplicates), ("triage", summary.triage), ("quarantined", summary.quarantined),
                (dryRun ? "requests (would create)" : "requests created", dryRun ? 0 : summary.requests),
            ]
            var table = TextTable(headers: [dryRun ? "dry run (nothing written)" : "imported", "count"])
            for (label, value) in rows where !(dryRun && label.hasPrefix("requests")) {
                table.append([label, String(value)])
            }
            var text = table.render()
            if summary.datesReplaced > 0 {
                text += "\n\(summary.datesReplaced) message(s) had no usable Date; their requests count from the import time."
            }
            return text
        }
    }
}
