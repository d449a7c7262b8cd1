import ArgumentParser
import DeskProgram
import Foundation
import Logging

/// The root command: the DPO's desk for data-subject requests.
@main
struct Dsar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsar",
        abstract: "Run the desk where people exercise their rights over their personal data.",
        discussion: """
            Requests for access, rectification, erasure, restriction, portability and objection, \
            with legal deadlines, a tamper-evident audit log, letters and monthly reports.

            Example:
              dsar new --kind access --name "Dilnoza Karimova" --email dilnoza@example.uz
              dsar queue
            """,
        subcommands: [
            Queue.self, Show.self, New.self, Claim.self, Assign.self, Start.self, Identity.self, Clarify.self,
            Resume.self, Extend.self, Record.self, Close.self, Withdraw.self, Lift.self, Reclassify.self, Letter.self, Outbox.self,
            Intake.self,
            Inbox.self, Portal.self, Report.self, Policy.self, Calendar.self, Settings.self, Audit.self, Purge.self, Db.self, Demo.self,
        ]
    )

    /// Runs the command line and maps every failure to one sentence and an exit code (SPEC §8).
    static func main() {
        // Libraries log through swift-log; people see warnings only, unless DSAR_DEBUG=1.
        let debug = ProcessInfo.processInfo.environment["DSAR_DEBUG"] == "1"
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = debug ? .debug : .warning
            return handler
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            DeskSession.opened.seal()
        } catch {
            DeskFailure.exit(after: error, program: "dsar", command: Self.self)
        }
    }
}
