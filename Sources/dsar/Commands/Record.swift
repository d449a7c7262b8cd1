import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar record`
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record evidence on a request: what was disclosed, changed, erased, restricted, exported or decided.",
            discussion: """
                Kinds: disclosure, change, erasure, restriction, export, decision, recipient, no-recipients, \
                no-data-held. Closing as fulfilled needs the right's evidence (SPEC §3 gates).

                Examples:
                  dsar record DSAR-2026-000012 erasure --system CRM --categories "contact,passport" \\
                       --method "deleted from database and backups" --performed-by "IT: Bekzod"
                  dsar record DSAR-2026-000012 recipient --recipient "Payme LLC" --what "erasure of phone number"
                  dsar record DSAR-2026-000013 export --format json --path export-000013.json
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Argument(help: "What is recorded.") var kind: EvidenceKind
        @OptionGroup var fields: EvidenceOptions
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func validate() throws { try fields.validateText() }

        func run() throws {
            let session = try DeskSession.open(global)
            let occurredAt = try session.occurredAt(at)
            let evidence = try fields.evidence(kind, actor: session.actor, occurredAt: occurredAt, now: session.now)
            try evidence.validate()
            let id = try session.requests.record(evidence, on: reference, actor: session.actor, occurredAt: occurredAt, now: session.now)
            print("\(reference.uppercased()): recorded \(kind.argumentSpelling) (evidence #\(id)).")
        }
    }
}
