import ArgumentParser
import DeskStore
import Foundation

extension Dsar.Inbox {
    /// `dsar inbox dismiss`
    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dismiss",
            abstract: "Close an inbox item that is not a request, with the reason.",
            discussion: """
                The reason is kept with the item, not in the audit log (it may name people). An item \
                already converted or dismissed is refused (exit 4).

                Example:
                  dsar inbox dismiss 13 --reason "newsletter, not a request"
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The inbox item's id (see `dsar inbox`).")
        var id: Int64
        @Option(help: "Why it is not a request.")
        var reason: String

        func validate() throws {
            try InputRules.checkText(reason, option: "--reason", required: true)
        }

        func run() throws {
            let session = try DeskSession.open(global)
            try InboxStore(session.db).dismiss(id, reason: reason, actor: session.actor, now: session.now)
            print("Inbox item \(id) dismissed.")
        }
    }
}
