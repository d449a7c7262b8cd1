import ArgumentParser
import DeskStore

extension Dsar.Inbox {
    /// `dsar inbox` / `dsar inbox list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List intake items waiting for a person (triage, quarantined), oldest first.",
            discussion: "Example:\n  dsar inbox --json")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array for programs.") var json = false

        func run() throws {
            let items = try InboxStore(try DeskSession.open(global).db).open()
            if json {
                try JSONOutput.print(items.map(InboxItemJSON.init))
            } else {
                InboxTable.print(items)
            }
        }
    }
}
