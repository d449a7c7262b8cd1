import ArgumentParser
import DeskCore
import DeskProgram
import DeskStore
import Foundation

extension Dsar {
    /// `dsar claim`
    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claim",
            abstract: "Take the most urgent open request nobody has taken yet.",
            discussion: """
                Concurrent claims never get the same request (the row is locked with SKIP LOCKED). \
                When nothing is left to claim, says so on stderr and exits 3 (not found), so that \
                `while dsar claim; do …; done` stops by itself.

                Example:
                  dsar claim --kind access
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only claim a request for this right.")
        var kind: String?

        func validate() throws {
            if let kind, Right(rawValue: kind) == nil {
                throw ValidationError("--kind \(kind.prefix(40)) is not a right; use one of \(Right.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            guard let item = try QueueQuery(session.db).claim(
                kind: kind.flatMap(Right.init(rawValue:)), actor: session.actor, now: session.now)
            else {
                throw DeskFailure(
                    message: "Nothing left to claim: every open\(kind.map { " \($0)" } ?? "") request is assigned; see `dsar queue --mine`.",
                    exitCode: DeskFailure.notFound)
            }
            let today = LocalDate(session.now, in: InstantParser.deskTimeZone)
            print("\(item.request.reference) is now yours.")
            print(QueueTable.render([item], today: today, width: Terminal.isInteractive ? Terminal.width : nil))
        }
    }
}
