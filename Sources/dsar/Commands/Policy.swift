import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar policy show`
    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Show the jurisdiction policies: deadlines per right, extensions and their legal sources.",
            discussion: "Example:\n  dsar policy show gdpr",
            subcommands: [Show.self])

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Show one policy, or all of them.", discussion: "Example:\n  dsar policy show uz")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "A policy code (uz, uz-state, gdpr, ru); all when omitted.") var code: String?

            func run() throws {
                let session = try DeskSession.open(global)
                let catalog = PolicyCatalog(session.db)
                let codes = try code.map { [$0] } ?? catalog.codes()
                var blocks: [String] = []
                for code in codes {
                    let entry = try catalog.load(code)
                    var header = "\(code)\(entry.isDefault ? " (default)" : ""): \(entry.policy.name)\n"
                    header += "time zone \(entry.policy.timeZoneIdentifier), calendar \(entry.calendar.name), authority: \(entry.authority)"
                    var table = TextTable(headers: ["right", "period", "extension", "identity pauses", "source"])
                    for right in Right.allCases {
                        guard let rule = entry.policy.rule(for: right) else { continue }
                        table.append([
                            right.rawValue, "\(rule.period.count) \(rule.period.unit.rawValue.replacingOccurrences(of: "_", with: " "))",
                            rule.maxExtension.map { "up to \($0.count) \($0.unit.rawValue.replacingOccurrences(of: "_", with: " "))" } ?? "none",
                            rule.identityPausesClock ? "yes" : "no", rule.source,
                        ])
                    }
                    blocks.append(header + "\n" + table.render())
                }
                print(blocks.joined(separator: "\n\n"))
            }
        }
    }
}
