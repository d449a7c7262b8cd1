import DeskCore
import DeskProgram
import MailTransport
import Testing
@testable import dsar_portal
@testable import DeskPortal

/// DeskPortal throws codes with values; `dsar-portal` words each one (DeskFailure+Portal.swift),
/// word for word as the portal printed it before, with exit 2 for a bad `--listen` and 1 for a
/// broken installation.
struct PortalStartSentenceTests {
    static let cases: [(PortalError, Int32, String)] = [
        (.wordsMissing(path: "/opt/dsar/Templates/portal/strings/en.strings"), 1,
         "The portal's words are missing: /opt/dsar/Templates/portal/strings/en.strings cannot be read."),
        (.wordsIncomplete(language: .russian, first: "form.title", more: 2), 1,
         "The portal's ru words lack form.title (and 2 more); add them to Templates/portal/strings."),
        (.templateUnreadable(path: "/opt/dsar/Templates/portal/form.mustache"), 1,
         "The portal's template /opt/dsar/Templates/portal/form.mustache cannot be read."),
        (.templateInvalid(detail: "unclosed section"), 1, "A template of Templates/portal is not valid Mustache: unclosed section."),
        (.styleSheetUnreadable, 1, "The portal's style sheet Templates/portal/portal.css cannot be read."),
        (.listenAddressInvalid, 2, "--listen takes HOST:PORT, such as 127.0.0.1:8080."),
        (.smtpURLInvalid(MailAccountError(.passwordInURL)), 1,
         "mail.smtp_url is not an SMTP URL such as smtp://user@mail.example.uz:587; Passwords do not belong in the mail URL; give it in the environment variable, a --password-file or ~/.netrc."),
    ]

    @Test("every PortalError is one sentence with its exit code", arguments: cases)
    func sentence(_ error: PortalError, _ exitCode: Int32, _ sentence: String) {
        let failure = DeskFailure(portal: error)
        #expect(failure.message == sentence)
        #expect(failure.exitCode == exitCode)
    }

    @Test func theListenAddressIsCheckedAsBefore() throws {
        #expect(throws: PortalError.listenAddressInvalid) { try PortalConfiguration.listenAddress("8080") }
        #expect(throws: PortalError.listenAddressInvalid) { try PortalConfiguration.listenAddress(":8080") }
        #expect(try PortalConfiguration.listenAddress("[::1]:8080") == ("::1", 8080))
    }
}
