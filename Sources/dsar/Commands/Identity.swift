import ArgumentParser
import DeskCore

extension Dsar {
    /// `dsar identity`
    struct Identity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "identity",
            abstract: "Ask for proof of identity, or record that it was verified or failed.",
            discussion: """
                request pauses the clock when the policy says so; verified resumes it; failed refuses the \
                request on the ground identity_not_verified.

                Example:
                  dsar identity DSAR-2026-000012 request
                  dsar identity DSAR-2026-000012 verified --at "2026-11-20 15:00"
                """)

        enum Step: String, ExpressibleByArgument, CaseIterable {
            case request, verified, failed
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The request reference.") var reference: String
        @Argument(help: "request, verified or failed.") var step: Step
        @Option(help: "When it happened (ISO 8601; default: now).") var at: String?

        func run() throws {
            let event: LifecycleEvent
            switch step {
            case .request: event = .identityRequest
            case .verified: event = .identityVerified
            case .failed: event = .identityFailed
            }
            try LifecycleCommand.run(.event(event), reference: reference, global: global, at: at)
        }
    }
}
