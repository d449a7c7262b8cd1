import ArgumentParser
import DeskCore
import DeskStore
import Foundation
import Reports

extension Dsar.Report {
    /// `dsar report register`
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Export every request received in a period: the desk's record for the regulator.",
            discussion: """
                One row per request: reference, right, policy, channel, received, due, extended due, \
                closed, outcome, ground, on time, assignee. Requester names and emails are left out \
                unless --with-contacts is given. Dates are local to the desk.

                Example:
                  dsar report register --from 2026-01-01 --to 2026-12-31 --format csv --out register-2026.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "First day of receipt, YYYY-MM-DD (inclusive).")
        var from: String?

        @Option(help: "Last day of receipt, YYYY-MM-DD (inclusive).")
        var to: String?

        @Option(help: "csv or json.")
        var format: String = "csv"

        @Flag(name: .customLong("with-contacts"), help: "Add the requester's name and email (personal data).")
        var withContacts = false

        @Option(help: "Write to this file instead of standard output.")
        var out: String?

        func validate() throws {
            let fromDate = try from.map { try Self.date($0, option: "--from") }
            let toDate = try to.map { try Self.date($0, option: "--to") }
            if let fromDate, let toDate, toDate < fromDate {
                throw ValidationError("--to \(toDate.iso) is before --from \(fromDate.iso); swap them.")
            }
            guard RegisterFormat(rawValue: format.lowercased()) != nil else {
                throw ValidationError("--format \(format.prefix(20)) is not known; use csv or json.")
            }
            try ReportOutput.validate(out)
        }

        static func date(_ text: String, option: String) throws -> LocalDate {
            guard let date = LocalDate(iso: text) else {
                throw ValidationError("\(option) \(text.prefix(20)) is not a date; give it as YYYY-MM-DD.")
            }
            return date
        }

        func run() throws {
            guard let format = RegisterFormat(rawValue: format.lowercased()) else { return }
            let session = try DeskSession.open(global)
            let renderer = RegisterRenderer(includeContacts: withContacts)
            let output = try ReportOutput(path: out)
            try output.write(renderer.opening(format))
            var wroteAny = false
            try RegisterQuery(session.db).forEachBatch(
                from: from.flatMap(LocalDate.init(iso:)), to: to.flatMap(LocalDate.init(iso:)), includeContacts: withContacts
            ) { batch in
                try output.write(try renderer.records(batch.map(RegisterRow.init), as: format, continuing: wroteAny))
                wroteAny = wroteAny || !batch.isEmpty
            }
            try output.write(renderer.closing(format))
            try output.finish()
        }
    }
}
