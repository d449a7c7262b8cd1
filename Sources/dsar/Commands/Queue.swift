import ArgumentParser
import DeskCore
import DeskProgram
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

        @OptionGroup var options: QueueOptions
        @Flag(help: "Print a JSON array for programs.")
        var json = false

        func run() throws {
            let session = try DeskSession.open(global)
            let listing = try QueueQuery(session.db).list(options.filter(actor: session.actor), now: session.now)
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
