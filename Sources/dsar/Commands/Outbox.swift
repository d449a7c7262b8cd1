import ArgumentParser

extension Dsar {
    /// `dsar outbox …`: letters handed to SMTP and what became of them.
    struct Outbox: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox",
            abstract: "List the letters to be sent by e-mail and send, retry or cancel them.",
            discussion: """
                A letter enters the outbox with `dsar letter REF LETTER --send`, or by itself when \
                `mail.auto_send` is on. `dsar outbox send --all` sends what is due over mail.smtp_url \
                (password: DSAR_SMTP_PASSWORD, --password-file or ~/.netrc). A letter is never sent \
                twice by accident: one whose send was interrupted is shown uncertain until you \
                `retry` it or `mark-sent` it.

                Example:
                  dsar settings set mail.smtp_url smtps://dpo@mail.example.uz
                  dsar outbox send --all
                  dsar outbox --status failed
                  dsar outbox retry 12
                """,
            subcommands: [List.self, Send.self, Retry.self, Cancel.self, MarkSent.self],
            defaultSubcommand: List.self)
    }
}
