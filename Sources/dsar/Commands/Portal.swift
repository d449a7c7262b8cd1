import ArgumentParser

extension Dsar {
    /// `dsar portal …`: the desk's side of the requester portal (`dsar-portal`).
    struct Portal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "portal",
            abstract: "Register what the requester portal collected: verified submissions and replies.",
            discussion: """
                `dsar-portal` runs as the database role dsar_portal, which may only leave verified \
                submissions and replies in the portal's own tables; `dsar portal promote`, run as a \
                desk user, turns them into requests (with their acknowledgement) and replies, through \
                the same path as `dsar new` and the intake. Run it with --every, or from a systemd \
                timer (README, "Portal").

                Example:
                  DSAR_SMTP_PASSWORD=… dsar portal promote --send --every 30s
                """,
            subcommands: [Promote.self],
            defaultSubcommand: Promote.self)
    }
}
