import DeskCore
import DeskProgram
import DeskStore
import Foundation

/// The queue for people: compact columns, the requester's name truncated so a line fits the
/// terminal, overdue rows red and rows due within 2 working days yellow (colour only on a terminal).
enum QueueTable {
    /// Short labels so a row fits in 80 columns.
    static let rightLabels: [Right: String] = [
        .access: "access", .rectification: "rectify", .erasure: "erase", .restriction: "restrict",
        .portability: "port", .objection: "object",
    ]
    static let stateLabels: [RequestState: String] = [
        .received: "received", .awaitingIdentity: "wait-id", .inProgress: "working", .awaitingRequester: "wait-req",
        .fulfilled: "fulfilled", .partiallyFulfilled: "partial", .refused: "refused", .withdrawn: "withdrawn",
        .lifted: "lifted",
    ]

    static let languageLabels: [Language: String] = [.uzbekLatin: "uz", .uzbekCyrillic: "uz-C", .russian: "ru", .english: "en"]

    /// What the one-letter flags mean, for the footer.
    static let flagLegend = "flags: R reply waiting, P paused, E extended, B letter bounced"

    /// Renders the rows; `width` is the terminal's, or `nil` through a pipe (nothing is dropped).
    static func render(_ items: [QueueQuery.Item], today: LocalDate, width: Int?) -> String {
        let cells = items.map { row($0, today: today) }
        // Without the name column, how wide is a line? The name gets what is left (10…30).
        var columns = ["ref", "right", "state", "lang", "received", "due", "left", "assignee", "flg"]
        var rows = cells
        var nameWidth = 24
        if let width {
            func otherWidth(_ columns: [String], _ rows: [[String]]) -> Int {
                var total = 0
                for index in columns.indices {
                    total += max(columns[index].count, rows.map { $0[index].count }.max() ?? 0) + 2
                }
                return total
            }
            nameWidth = width - otherWidth(columns, rows)
            if nameWidth < 12, let index = columns.firstIndex(of: "received") {
                columns.remove(at: index)
                rows = rows.map { var row = $0; row.remove(at: index); return row }
                nameWidth = width - otherWidth(columns, rows)
            }
            nameWidth = min(max(nameWidth, 8), 30)
        }
        var table = TextTable(headers: Array(columns.prefix(2)) + ["state", "requester"] + Array(columns.dropFirst(3)))
        for (index, item) in items.enumerated() {
            var row = rows[index]
            row.insert(TextTable.truncate(item.request.requester.name, to: nameWidth), at: 3)
            table.append(row, colour: colour(item))
        }
        return table.render()
    }

    static func colour(_ item: QueueQuery.Item) -> Terminal.Colour? {
        if item.isOverdue { return .red }
        if item.daysLeft <= 2 { return .yellow }
        return nil
    }

    static func row(_ item: QueueQuery.Item, today: LocalDate) -> [String] {
        let request = item.request
        let received = LocalDate(request.receivedAt, in: InstantParser.deskTimeZone)
        var flags = ""
        if item.replyWaiting { flags += "R" }
        if request.isPaused { flags += "P" }
        if request.isExtended { flags += "E" }
        if item.bounced { flags += "B" }
        return [
            request.reference, rightLabels[request.kind] ?? request.kind.rawValue,
            stateLabels[request.state] ?? request.state.rawValue, languageLabels[request.requester.language] ?? "",
            compact(received, today: today), compact(request.dueOn, today: today), String(item.daysLeft),
            TextTable.truncate(request.assignee ?? "-", to: 8), flags,
        ]
    }

    /// `11-21` within the current year, `2025-11-21` otherwise.
    static func compact(_ date: LocalDate, today: LocalDate) -> String {
        date.year == today.year ? String(date.iso.dropFirst(5)) : date.iso
    }

    /// The footer: counts over everything the filter matched.
    static func footer(_ listing: QueueQuery.Listing) -> String {
        var line = "\(listing.openCount) open, \(listing.overdueCount) overdue, \(listing.dueThisWeekCount) due within 7 days"
        if listing.items.count < listing.openCount { line += " (showing \(listing.items.count); --limit for more)" }
        let flagged = listing.items.contains { $0.replyWaiting || $0.request.isPaused || $0.request.isExtended || $0.bounced }
        return flagged ? line + "\n" + flagLegend : line
    }
}
