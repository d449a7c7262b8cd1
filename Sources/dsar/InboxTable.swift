import DeskCore
import DeskProgram
import DeskStore
import Foundation

/// `dsar inbox` as a table for people, with what to do next.
enum InboxTable {
    /// Wide enough for a classifier's figures ("Not sure enough: erasure at 98.4 % confidence, under…").
    static let reasonWidth = 64

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
                item.suggested.first.map(suggestion) ?? "-",
                TextTable.truncate(item.reason ?? "", to: reasonWidth),
            ])
        }
        Swift.print(table.render())
        if items.contains(where: { ($0.reason ?? "").count > reasonWidth }) {
            Swift.print("Reasons are cut to \(reasonWidth) characters; `dsar inbox --json` gives each whole.")
        }
        Swift.print("\(items.count) item\(items.count == 1 ? "" : "s") waiting; `dsar inbox convert ID` (accepts a suggestion of \(InboxStore.acceptablePercent) % or more; --kind K overrides) or `dsar inbox dismiss ID --reason TEXT`.")
    }

    /// "erasure 71 %"; a suggestion `inbox convert` would not accept alone is in parentheses.
    static func suggestion(_ best: RightScore) -> String {
        let text = "\(best.right.rawValue) \(InboxStore.percent(best.probability)) %"
        return InboxStore.isAcceptable(best.probability) ? text : "(\(text))"
    }
}
