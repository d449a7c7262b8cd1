import DeskCore
import DeskProgram
import DeskStore
import Foundation

/// The outbox as a table for people.
enum OutboxTable {
    static func render(_ entries: [OutboxEntry]) -> String {
        var table = TextTable(headers: ["id", "reference", "letter", "status", "tries", "when", "server"])
        for entry in entries {
            let when = entry.bouncedAt ?? entry.sentAt ?? entry.nextAttemptAt ?? entry.lastAttemptAt ?? entry.queuedAt
            let said = entry.status == .bounced ? entry.bounceReason : entry.serverReply
            table.append([
                String(entry.id), entry.reference, TextTable.truncate(entry.kind, to: 22), entry.status.rawValue,
                String(entry.attempts), Format.instant(when, InstantParser.deskTimeZone), TextTable.truncate(said ?? "", to: 34),
            ])
        }
        var lines = [table.render()]
        var counts: [String] = []
        for status in [OutboxStatus.queued, .uncertain, .failed, .bounced] {
            let count = entries.filter { $0.status == status }.count
            if count > 0 { counts.append("\(count) \(status.rawValue)") }
        }
        if !counts.isEmpty { lines.append(counts.joined(separator: ", ") + ".") }
        if entries.contains(where: { $0.status == .uncertain }) {
            lines.append("uncertain: the send was interrupted; check the server, then `dsar outbox mark-sent ID` or `dsar outbox retry ID`.")
        }
        return lines.joined(separator: "\n")
    }
}
