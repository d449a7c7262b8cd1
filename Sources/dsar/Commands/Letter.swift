import ArgumentParser

extension Dsar {
    /// `dsar letter …`: produce letters (the default) and verify them.
    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "letter",
            abstract: "Produce a letter for a request (`dsar letter REF LETTER`), or verify one (`dsar letter verify CODE`).",
            discussion: """
                Example:
                  dsar letter DSAR-2026-000123 acknowledgement
                  dsar letter verify ABCD-EFGH-JK23
                """,
            subcommands: [Produce.self, Verify.self],
            defaultSubcommand: Produce.self
        )
    }
}
