import ArgumentParser
import DeskStore
import Foundation

extension Dsar {
    /// `dsar assign`
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Give a request to a desk member, or take it back with --none.",
            discussion: """
                Example:
                  dsar assign DSAR-2026-000123 aziza
                  dsar assign DSAR-2026-000123 --none
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The request's reference (DSAR-2026-000123).")
        var reference: String
        @Argument(help: "The desk member who takes it.")
        var user: String?
        @Flag(help: "Leave the request unassigned.")
        var none = false

        func validate() throws {
            switch (user, none) {
            case (nil, false): throw ValidationError("Name who takes the request (dsar assign REF USER) or pass --none.")
            case (.some, true): throw ValidationError("Give either a USER or --none, not both.")
            case (.some(let user), false): try InputRules.checkName(user, option: "USER")
            case (nil, true): break
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let request = try session.requests.assign(reference, to: none ? nil : user, actor: session.actor, now: session.now)
            print("\(request.reference) is \(request.assignee.map { "assigned to \($0)" } ?? "unassigned").")
        }
    }
}
