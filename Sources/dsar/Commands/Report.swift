import ArgumentParser

extension Dsar {
    /// `dsar report …`: the monthly compliance report and the register.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Produce the monthly compliance report or export the register of requests or the erasure journal.",
            discussion: """
                Example:
                  dsar report monthly 2026-10 --format html --out oktyabr.html
                  dsar report register --from 2026-01-01 --format csv --out register-2026.csv
                  dsar report journal --from 2026-01-01 --to 2026-12-31 --format html --out journal-2026.html
                """,
            subcommands: [Monthly.self, Register.self, Journal.self]
        )
    }
}
