import DeskStore
import MailTransport
import Testing
@testable import dsar

/// What `dsar intake fetch` tells the desk once after a pass (DeskIntake hands over values only):
/// the letter settings still missing and why the outbox was not sent, word for word as before.
struct FetchNotesTests {
    @Test func missingLetterSettingsAreNamed() {
        #expect(FetchLoop.notes(missingLetterSettings: ["dpo.name", "dpo.email"], outboxFailure: nil) == [
            "No acknowledgement letters are produced until these settings are set: dpo.name, dpo.email (`dsar settings set KEY VALUE`).",
        ])
        #expect(FetchLoop.notes(missingLetterSettings: [], outboxFailure: nil).isEmpty)
    }

    @Test func anOutboxThatWasNotSentSaysWhy() {
        let refused = MailTransportError(kind: .connection, curlCode: 7, curlMessage: "Couldn't connect to server", serverReply: nil)
        #expect(FetchLoop.notes(missingLetterSettings: [], outboxFailure: refused) == [
            "The outbox was not sent: Couldn't connect to server (curl 7); `dsar outbox send --all` tries again.",
        ])
        #expect(FetchLoop.notes(missingLetterSettings: [], outboxFailure: StoreError(.smtpServerNotSet)) == [
            "The outbox was not sent: No SMTP server is set; set one with `dsar settings set mail.smtp_url smtps://dpo@mail.example.uz` and run the command again.",
        ])
        #expect(FetchLoop.notes(missingLetterSettings: [], outboxFailure: MailAccountError(.passwordInURL, setting: "mail.smtp_url")) == [
            "The outbox was not sent: mail.smtp_url: Passwords do not belong in the mail URL; give it in the environment variable, a --password-file or ~/.netrc.",
        ])
    }
}
