import ArgumentParser

extension Dsar {
    /// `dsar intake …`: bring email into the desk.
    struct Intake: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "intake",
            abstract: "Bring requests that arrived by email into the desk.",
            discussion: """
                Reads .eml files, mbox files, Maildir folders, folders of .eml files and standard input (-); every message is \
                stored once and becomes new requests, a reply on an existing request, or an inbox item.

                Example:
                  dsar intake import ~/Mail/dpo.mbox ~/Maildir/dpo --dry-run --json
                """,
            subcommands: [Import.self, Fetch.self, Train.self, Evaluate.self]
        )
    }
}
