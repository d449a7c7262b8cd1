import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar.Inbox {
    /// `dsar inbox` / `dsar inbox list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List intake items waiting for a person (triage, quarantined), oldest first.",
            discussion: "Example:\n  dsar inbox --json")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print a JSON array for programs.")
        var json = false

        /// One item for `--json`.
        struct ItemJSON: Encodable {
            let id: Int64
            let messageID: Int64
            let receivedAt: Date
            let fromName: String?
            let fromEmail: String?
            let subject: String?
            let status: String
            let reason: String?
            let suggested: [RightScore]

            enum CodingKeys: String, CodingKey {
                case id, subject, status, reason, suggested
                case messageID = "message_id"
                case receivedAt = "received_at"
                case fromName = "from_name"
                case fromEmail = "from_email"
            }

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(messageID, forKey: .messageID)
                try container.encode(receivedAt, forKey: .receivedAt)
                try container.encode(fromName, forKey: .fromName)
                try container.encode(fromEmail, forKey: .fromEmail)
                try container.encode(subject, forKey: .subject)
                try container.encode(status, forKey: .status)
                try container.encode(reason, forKey: .reason)
                try container.encode(suggested.map(SuggestionJSON.init), forKey: .suggested)
            }
        }

        /// One suggested right for `--json`: `{"kind": "erasure", "probability": 0.83}`.
        struct SuggestionJSON: Encodable {
            let kind: String
            let probability: Double
            init(_ score: RightScore) {
                kind = score.right.rawValue
                probability = score.probability
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let items = try InboxStore(session.db).open()
            if json {
                try JSONOutput.print(items.map {
                    ItemJSON(id: $0.id, messageID: $0.messageID, receivedAt: $0.receivedAt, fromName: $0.fromName,
                             fromEmail: $0.fromEmail, subject: $0.subject, status: $0.status, reason: $0.reason,
                             suggested: $0.suggested)
                })
                return
            }
            guard !items.isEmpty else {
                print("The inbox is empty.")
                return
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = InstantParser.deskTimeZone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            var table = TextTable(headers: ["id", "received", "from", "subject", "status", "suggested", "reason"])
            for item in items {
                table.append([
                    String(item.id), formatter.string(from: item.receivedAt),
                    TextTable.truncate(item.fromEmail ?? item.fromName ?? "-", to: 24),
                    TextTable.truncate(item.subject ?? "-", to: 28), item.status,
                    item.suggested.first.map { "\($0.right.rawValue) \(Int(($0.probability * 100).rounded())) %" } ?? "-",
                    TextTable.truncate(item.reason ?? "", to: 30),
                ])
            }
            print(table.render())
            print("\(items.count) item\(items.count == 1 ? "" : "s") waiting; `dsar inbox convert ID` (accepts the suggestion; --kind K overrides) or `dsar inbox dismiss ID --reason TEXT`.")
        }
    }
}
