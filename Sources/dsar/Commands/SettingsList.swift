import ArgumentParser
import DeskStore
import Foundation

extension Dsar.Settings {
    /// `dsar settings list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every desk setting that is set, and the known ones that are not.",
            discussion: "Example:\n  dsar settings list --json")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print JSON for programs.")
        var json = false

        struct Item: Encodable {
            let key: String
            let value: String?
            let updated_at: Date?
            let updated_by: String?
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let stored = try SettingsStore(session.db).all()
            var items = stored.map { Item(key: $0.key, value: $0.value, updated_at: $0.updatedAt, updated_by: $0.updatedBy) }
            for key in SettingsStore.knownKeys where !stored.contains(where: { $0.key == key.name }) {
                items.append(Item(key: key.name, value: nil, updated_at: nil, updated_by: nil))
            }
            items.sort { $0.key < $1.key }
            if json { return try JSONOutput.print(items) }
            var table = TextTable(headers: ["KEY", "VALUE", "UPDATED BY"])
            for item in items {
                let value = item.value.map { TextTable.truncate($0.replacingOccurrences(of: "\n", with: " / "), to: 60) }
                table.append([item.key, value ?? "(not set)", item.updated_by ?? ""])
            }
            print(table.render())
        }
    }
}
