import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar {
    /// `dsar show`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show everything about one request: requester, state, due dates, timeline, evidence, letters, messages.",
            discussion: "Example:\n  dsar show DSAR-2026-000012\n  dsar show DSAR-2026-000012 --json | jq .events")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Flag(help: "Print JSON (SPEC §8 fields plus events, letters, messages, evidence).") var json = false

        func run() throws {
            let session = try DeskSession.open(global)
            let dossier = try RequestDossier.load(reference, db: session.db, now: session.now)
            if json {
                try JSONOutput.print(RequestDetailJSON(dossier))
            } else {
                print(DossierText.render(dossier))
            }
        }
    }
}
