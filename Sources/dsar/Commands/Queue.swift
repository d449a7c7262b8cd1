import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar {
    /// `dsar queue`
    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queue",
            abstract: "List open requests, most urgent first.",
            discussion: """
                Order: requests waiting on the requester whose reply has arrived come first (the ball \
                is back with the desk); then requests whose clock runs, by due date — overdue first, \
                the longest overdue on top; then paused requests still waiting for the requester. \
                Ties go by receipt. "left" is working days until the due date under the request's \
                policy calendar, negative when overdue. Flags: R (a reply from the requester arrived \
                since our last letter), P (paused), E (extended). On a terminal the requester's name \
                is cut to fit the width (at 80 columns the received date is left out), overdue rows \
                are red and rows due within 2 working days yellow; through a pipe every column is \
                printed, without colour.

                Example:
                  dsar queue --mine --due-within 3
                  dsar queue --kind erasure --overdue --json
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only requests in this state (received, awaiting_identity, in_progress, awaiting_requester).")
        var state: String?
        @Option(help: "Only requests for this right (access, rectification, erasure, restriction, portability, objection).")
        var kind: String?
        @Option(help: ArgumentHelp("Only requests assigned to this desk member.", valueName: "user"))
        var assignee: String?
        @Flag(help: "Only requests assigned to the actor.")
        var mine = false
        @Flag(help: "Only requests nobody has taken yet.")
        var unassigned = false
        @Flag(help: "Only requests past their due date.")
        var overdue = false
        @Option(name: .customLong("due-within"), help: ArgumentHelp("Only requests due within N working days (overdue included).", valueName: "N"))
        var dueWithin: Int?
        @Option(help: "Only requests under this policy (uz, uz-state, gdpr, ru, …).")
        var policy: String?
        @Option(help: ArgumentHelp("Show at most N requests.", valueName: "N"))
        var limit = 50
        @Flag(help: "Print a JSON array for programs.")
        var json = false

        func validate() throws {
            if let state {
                guard let parsed = RequestState(rawValue: state), !parsed.isClosed else {
                    throw ValidationError("--state \(state.prefix(40)) is not an open state; use one of \(RequestState.open.map(\.rawValue).joined(separator: ", ")).")
                }
            }
            if let kind, Right(rawValue: kind) == nil {
                throw ValidationError("--kind \(kind.prefix(40)) is not a right; use one of \(Right.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if [assignee != nil, mine, unassigned].filter({ $0 }).count > 1 {
                throw ValidationError("Use only one of --assignee, --mine and --unassigned.")
            }
            if let assignee { try InputRules.checkName(assignee, option: "--assignee") }
            if let dueWithin, !(0...365).contains(dueWithin) {
                throw ValidationError("--due-within must be between 0 and 365 working days.")
            }
            if !(1...10_000).contains(limit) { throw ValidationError("--limit must be between 1 and 10000.") }
            if let policy { try InputRules.checkName(policy, option: "--policy") }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            var who = QueueFilter.Assignee.anyone
            if let assignee { who = .person(assignee) }
            if mine { who = .person(session.actor) }
            if unassigned { who = .nobody }
            let filter = QueueFilter(
                state: state.flatMap(RequestState.init(rawValue:)), kind: kind.flatMap(Right.init(rawValue:)),
                assignee: who, policy: policy, overdueOnly: overdue, dueWithinWorkingDays: dueWithin, limit: limit)
            let listing = try QueueQuery(session.db).list(filter, now: session.now)
            if json {
                try JSONOutput.print(listing.items.map(QueueItemJSON.init))
                return
            }
            if listing.items.isEmpty {
                print("No open requests match.")
                return
            }
            let today = LocalDate(session.now, in: InstantParser.deskTimeZone)
            print(QueueTable.render(listing.items, today: today, width: Terminal.isInteractive ? Terminal.width : nil))
            print(QueueTable.footer(listing))
        }
    }
}
