import ArgumentParser
import DeskCore
import DeskStore

extension Dsar {
    /// `dsar extend`
    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "Extend the deadline before it passes, within the policy's cap, with a reason.",
            discussion: """
                --by takes N with a unit: d (calendar days), wd (working days), m (months); a bare N uses \
                the policy's extension unit.

                Example:
                  dsar extend DSAR-2026-000031 --by 2m --reason "Records are spread over five systems"
                  dsar extend DSAR-2026-000040 --by 1m --reason "Archive search" --decided-by "B. Aliyev, head of the department"
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Option(help: "How long: N, Nd, Nwd or Nm.") var by: String
        @Option(help: "Why, as the extension notice will tell the requester.") var reason: String
        @Option(help: "Who decided the extension (required under uz-state: the head of the body, ZRU-445).") var decidedBy: String?
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func validate() throws {
            try InputRules.checkText(reason, option: "--reason", required: true)
            if let decidedBy { try InputRules.checkName(decidedBy, option: "--decided-by") }
            guard ExtensionLength(parsing: by) != nil else {
                throw ValidationError("--by \(by.prefix(20)) is not a period; use a positive N with d, wd or m, e.g. 2m or 10wd.")
            }
        }

        func run() throws {
            guard let length = ExtensionLength(parsing: by) else { throw ValidationError("--by is not a period.") }
            let period = try DeskSession.open(global).requests.extensionPeriod(of: reference, by: length)
            try LifecycleCommand.run(.extend(period, reason: reason, decidedBy: decidedBy), reference: reference, global: global, at: at)
        }
    }
}
