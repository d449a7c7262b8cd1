import ArgumentParser
import DeskCore
import DeskStore
import Foundation
import Letters

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
                    var table = TextTable(headers: ["right", "period", "extension", "identity pauses", "clarification", "basis", "source"])
                    var rows: [(String, DeadlineRule)] = Right.allCases.compactMap { right in
                        entry.policy.rule(for: right).map { (right.rawValue, $0) }
                    }
                    if let withdrawal = entry.policy.consentWithdrawalRule { rows.append(("objection (consent withdrawal)", withdrawal)) }
                    for (name, rule) in rows {
                        table.append([
                            name, rule.countingStart == .sameDay && rule.period == Period(1, .calendarDays) ? "the day received" : Self.period(rule.period),
                            rule.maxExtension.map {
                                "up to " + Self.period($0) + (rule.extensionBasis == .deskPolicy ? " (desk policy, stricter than the law)" : "")
                            } ?? "none",
                            rule.identityPausesClock ? "yes" : "no", Self.clock(rule.clarificationClock),
                            rule.basis == .statute ? "statute" : "desk policy: the law sets no term; our own term is \(Self.period(rule.period))",
                            LegalSource.localised(rule.source, language: .english),
                        ])
                    }
                    blocks.append(header + "\n" + table.render())
                }
                print(blocks.joined(separator: "\n\n"))
            }

            static func period(_ period: Period) -> String {
                let unit = period.unit.rawValue.replacingOccurrences(of: "_", with: " ")
                return "\(period.count) \(period.count == 1 ? String(unit.dropLast()) : unit)"
            }

            static func clock(_ clock: ClarificationClock) -> String {
                switch clock {
                case .pauses: return "pauses"
                case .restarts: return "counts from the information"
                case .runs: return "runs on"
                }
            }
        }
    }
}
