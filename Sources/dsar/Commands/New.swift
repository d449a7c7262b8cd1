import ArgumentParser
import DeskCore
import DeskStore
import Foundation

extension Dsar {
    /// `dsar new`
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Register a request received by email, web form, paper, phone or in person; prints its reference.",
            discussion: """
                The due date follows the request's policy (default: uz, ZRU-547). Use --at to enter a \
                paper request late, with the date it was actually received.

                Example:
                  dsar new --kind erasure --name "Dilnoza Karimova" --email dilnoza@example.uz --lang uz \\
                           --channel paper --at "2026-11-19 10:00"
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The right exercised: access, rectification, erasure, restriction, portability, objection.")
        var kind: Right
        @Option(help: "The requester's full name.") var name: String
        @Option(help: "The requester's email address.") var email: String?
        @Option(help: "The requester's phone number.") var phone: String?
        @Option(help: "Language of the letters: uz, uz-Cyrl, ru, en.") var lang: Language = .uzbekLatin
        @Option(help: "How it arrived: email, web_form, paper, phone, in_person.") var channel: Channel = .email
        @Option(help: "Policy code (uz, uz-state, gdpr, ru); default: the desk's default policy.") var policy: String?
        @Option(help: "What the requester asked for, in the desk's words.") var details: String?
        @Flag(help: "An objection to direct marketing (can never be overridden).") var directMarketing = false
        @Flag(help: "A withdrawal of consent (recorded as an objection).") var consentWithdrawal = false
        @Option(help: "When the request was received (ISO 8601; default: now).") var at: String?

        func validate() throws {
            try InputRules.checkName(name, option: "--name")
            if let email { try InputRules.checkEmail(email) }
            if let phone {
                guard phone.count <= 32, phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) else {
                    throw ValidationError("--phone \(phone.prefix(40)) is not a phone number; use digits, spaces, + - ( ).")
                }
            }
            if let details { try InputRules.checkText(details, option: "--details") }
            if email == nil && phone == nil && channel == .email {
                throw ValidationError("A request received by email needs --email so the desk can answer.")
            }
            if (directMarketing || consentWithdrawal) && kind != .objection {
                throw ValidationError("--direct-marketing and --consent-withdrawal apply to objections; use --kind objection.")
            }
        }

        func run() throws {
            let session = try DeskSession.open(global)
            let receivedAt = try session.occurredAt(at)
            let request = try session.requests.create(
                NewRequest(
                    kind: kind, requesterName: name.trimmingCharacters(in: .whitespaces), email: email, phone: phone,
                    language: lang, channel: channel, policy: policy, details: details, directMarketing: directMarketing,
                    consentWithdrawal: consentWithdrawal, receivedAt: receivedAt),
                actor: session.actor, now: session.now)
            print(request.reference)
            FileHandleOutput.note("\(request.kind.rawValue) request registered under policy \(request.policy); due \(request.dueOn.iso).")
        }
    }
}
