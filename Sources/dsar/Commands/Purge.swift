import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar purge`
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Anonymise the personal data of requesters whose requests all closed before a date.",
            discussion: """
                The desk's own retention rule: names become "anonymised", emails, phones, raw mail, \
                letter bodies and free text are removed; states, dates, kinds, evidence and the audit \
                log stay, so reports keep their figures and `dsar letter verify` still answers. \
                Without --closed-before the date is today minus the setting retention.years (3). \
                The purge is recorded in the audit log with counts only.

                Example:
                  dsar purge --closed-before 2023-01-01 --dry-run
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("closed-before"), help: ArgumentHelp("Purge requests closed before this date (YYYY-MM-DD).", valueName: "date"))
        var closedBefore: String?

        @Flag(help: "Only count what would be purged; change nothing.")
        var dryRun = false

        @Flag(help: "Print the counts as JSON.")
        var json = false

        func validate() throws {
            if let closedBefore, LocalDate(iso: closedBefore) == nil {
                throw ValidationError("--closed-before \(closedBefore.prefix(20)) is not a date; give it as YYYY-MM-DD, e.g. 2023-01-01.")
            }
        }

        /// The counts for `--json`.
        struct Output: Encodable {
            let closed_before: String
            let dry_run: Bool
            let requesters, requests, messages, letters, clarifications, inbox_items: Int
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let result = try RetentionPurge(session.db).purge(
                closedBefore: closedBefore.flatMap(LocalDate.init(iso:)), dryRun: dryRun, actor: session.actor,
                now: session.now)
            let counts = result.counts
            if json {
                try JSONOutput.print(Output(
                    closed_before: result.closedBefore.iso, dry_run: result.dryRun, requesters: counts.requesters,
                    requests: counts.requests, messages: counts.messages, letters: counts.letters,
                    clarifications: counts.clarifications, inbox_items: counts.inboxItems))
                return
            }
            if counts.isEmpty {
                print("Nothing to purge for requests closed before \(result.closedBefore.iso) (requesters already anonymised are skipped).")
                return
            }
            let verb = result.dryRun ? "Would anonymise" : "Anonymised"
            print("\(verb) the personal data of requests closed before \(result.closedBefore.iso):")
            var table = TextTable(headers: ["what", "count"])
            let lines = [
                ("requesters", counts.requesters), ("requests", counts.requests), ("messages", counts.messages),
                ("letters", counts.letters), ("clarifications", counts.clarifications), ("inbox items", counts.inboxItems),
            ]
            for (what, count) in lines { table.append([what, "\(count)"]) }
            print(table.render())
            if result.dryRun { print("Nothing was changed (--dry-run).") }
        }
    }
}
