import ArgumentParser
import DeskIntake
import DeskProgram
import DeskStore
import Foundation
import MailIntake
import Postgres

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
                --dry-run reads the desk to find duplicates and replies but writes nothing. \
                A folder is read as a Maildir when it has cur/ or new/, else as the .eml files in it and \
                its sub-folders (as mail programs save them); other files there are named on stderr, not read.

                Examples:
                  dsar intake import inbox.mbox ~/Maildir/dpo letter.eml - --dry-run --json < forwarded.eml
                  dsar intake import ~/Desktop/saved-requests --dry-run
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Mail to import: .eml files, mbox files, Maildir folders, folders of .eml files, or - for one message on stdin.")
        var paths: [String]
        @Flag(help: "Say what would happen without writing anything.") var dryRun = false
        @Flag(help: "One JSON object per message (source, message_id, …, status, reference, reason).") var json = false
        @Option(help: "Policy for the new requests (uz, uz-state, gdpr, ru); default: the desk's default policy.")
        var policy: String?

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("Give at least one .eml file, mbox file, Maildir folder, folder of .eml files or -.") }
            guard paths.filter({ $0 == "-" }).count <= 1 else {
                throw ValidationError("Standard input (-) can be read only once; give - a single time.")
            }
            for path in paths where path != "-" {
                do {
                    _ = try MailSource.kind(of: path)
                } catch {
                    throw ValidationError("\(path): \(DeskFailure.sentence(error)) Give an .eml file, an mbox file, a Maildir folder or a folder of .eml files.")
                }
            }
        }

        func run() throws {
            let now = try DeskClock.now()
            let (mode, db) = try IntakeImportMode.open(global, dryRun: dryRun, policy: policy)
            for note in IntakeImportSummary.skippedFiles(paths) { FileHandleOutput.note(note) }
            var importer = IntakeImporter(mode: mode, policy: policy, now: now)
            importer.classifier = try IntakeModels.classifier(db: db, note: FileHandleOutput.note).0
            let summary = try importer.run(paths, progress: IntakeProgress.forTerminal(paths: paths)) { record in
                guard json else { return }
                // Unbuffered, one line per message, so a consumer sees each as soon as it is done.
                FileHandle.standardOutput.write(Data(record.jsonLine))
            }
            let text = IntakeImportSummary.text(summary, dryRun: dryRun)
            if json { FileHandleOutput.note(text) } else { print(text) }
        }
    }
}
