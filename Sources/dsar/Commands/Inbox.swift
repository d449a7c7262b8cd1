import ArgumentParser

extension Dsar {
    /// `dsar inbox …`: intake items that need a person.
    struct Inbox: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inbox",
            abstract: "List the mail the intake could not handle, and convert or dismiss it.",
            discussion: """
                Example:
                  dsar inbox
                  dsar inbox convert 12 --kind erasure --lang ru
                  dsar inbox dismiss 13 --reason "newsletter, not a request"
                """,
            subcommands: [List.self, Convert.self, Dismiss.self],
            defaultSubcommand: List.self)
    }
}
