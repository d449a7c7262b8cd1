import ArgumentParser

extension Dsar {
    /// `dsar report …`: the monthly compliance report and the register.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Produce the monthly compliance report or export the register of requests.",
            discussion: """
                Example:
                  dsar report monthly 2026-10 --format html --out oktyabr.html
                  dsar report register --from 2026-01-01 --format csv --out register-2026.csv
                """,
            subcommands: [Monthly.self, Register.self]
        )
    }
}
