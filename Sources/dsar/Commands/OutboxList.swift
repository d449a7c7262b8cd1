public import ArgumentParser
import DeskCore
import DeskStore
import Foundation
import LetterDesk

extension Dsar.Outbox {
    /// `dsar outbox` / `dsar outbox list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the outbox, newest first: queued, sending, sent, failed, bounced, uncertain, cancelled.",
            discussion: "Example:\n  dsar outbox --status uncertain --status failed\n  dsar outbox --json")

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("status"), help: "Only letters in this state (repeatable).")
        var statuses: [OutboxStatus] = []

        @Flag(help: "Print a JSON array for programs.")
        var json = false

        func run() throws {
            let session = try DeskSession.open(global)
            let entries = try OutboxService(db: session.db).list(statuses: statuses)
            if json {
                try JSONOutput.print(entries.map(OutboxEntryJSON.init))
                return
            }
            guard !entries.isEmpty else {
                print(statuses.isEmpty ? "The outbox is empty." : "No letter of the outbox is \(statuses.map(\.rawValue).joined(separator: " or ")).")
                return
            }
            print(OutboxTable.render(entries))
        }
    }
}

extension OutboxStatus: ExpressibleByArgument {}
