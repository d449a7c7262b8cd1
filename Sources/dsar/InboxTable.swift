import DeskCore
import DeskProgram
import DeskStore
import Foundation

/// `dsar inbox` as a table for people, with what to do next.
enum InboxTable {
    static func print(_ items: [InboxStore.Item]) {
        guard !items.isEmpty else {
            Swift.print("The inbox is empty.")
            return
        }
        var table = TextTable(headers: ["id", "received", "from", "subject", "status", "suggested", "reason"])
        for item in items {
            table.append([
                String(item.id), Format.instant(item.receivedAt, InstantParser.deskTimeZone),
                TextTable.truncate(item.fromEmail ?? item.fromName ?? "-", to: 24),
                TextTable.truncate(item.subject ?? "-", to: 28), item.status,
                item.suggested.first.map { "\($0.right.rawValue) \(Int(($0.probability * 100).rounded())) %" } ?? "-",
                TextTable.truncate(item.reason ?? "", to: 30),
            ])
        }
        Swift.print(table.render())
        Swift.print("\(items.count) item\(items.count == 1 ? "" : "s") waiting; `dsar inbox convert ID` (accepts the suggestion; --kind K overrides) or `dsar inbox dismiss ID --reason TEXT`.")
    }
}
