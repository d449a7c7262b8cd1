import ArgumentParser
import DeskStore

extension Dsar {
    /// `dsar audit verify`
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Check the tamper-evident audit log.",
            discussion: "Example:\n  dsar audit verify",
            subcommands: [Verify.self])

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Walk the hash chain and name the first broken row (exit 4 when broken).",
                discussion: "Example:\n  dsar audit verify")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = try DeskSession.open(global)
                let result = try AuditLog(session.db).verify()
                if let broken = result.firstBreak {
                    throw DeskFailure(
                        message: "The audit chain is broken at event #\(broken.sequence): \(broken.message) \(result.checked) events before it are intact; restore the log from a backup and investigate who changed it.",
                        exitCode: DeskFailure.refused)
                }
                print("The audit chain is intact: \(result.checked) events checked.")
            }
        }
    }
}
