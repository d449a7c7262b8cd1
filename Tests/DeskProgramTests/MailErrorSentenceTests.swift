import DeskProgram
import Foundation
import MailTransport
import Testing

/// MailTransport throws reasons with values; DeskProgram words them (DeskFailure+MailAccount,
/// DeskFailure+Mail), word for word as the programs printed them before, and never with a password.
struct MailErrorSentenceTests {
    static let urls: [(String, String)] = [
        ("https://mail.example.uz/", "https://mail.example.uz/ is not a mail URL; write imaps://user@host/INBOX (or imap://, smtps://, smtp://)."),
        ("imaps:///INBOX", "The mail URL names no server; write it as imaps://user@host/INBOX."),
        ("smtp://", "The mail URL names no server; write it as smtp://user@host."),
        ("imaps://dpo:secret@mail.example.uz/INBOX",
         "Passwords do not belong in the mail URL; give it in the environment variable, a --password-file or ~/.netrc."),
        ("imaps://dpo@mail.example.uz/In%22box",
         "The folder name In\"box contains a quote, backslash, semicolon or line break, which the desk does not support."),
        ("smtp://dpo@mail.example.uz/INBOX", "An SMTP URL names no folder; write smtp://user@mail.example.uz."),
        ("imaps://dpo@mail.example.uz:70000/INBOX", "The port 70000 is not a TCP port (1–65535)."),
    ]

    @Test("every unusable mail URL is one sentence, exit 2", arguments: urls)
    func urlSentence(_ url: String, _ sentence: String) {
        let error = #expect(throws: MailAccountError.self) { try MailAccount(parsing: url) }
        let failure = error.map { DeskFailure($0) }
        #expect(failure?.message == sentence)
        #expect(failure?.exitCode == DeskFailure.badInput)
        #expect(failure.map { !$0.message.contains("secret") } ?? false)
    }

    /// Read from the desk's settings, the URL's sentence names the setting, as the outbox said before.
    @Test func aURLFromASettingNamesIt() {
        let failure = DeskFailure(MailAccountError(.noServer(.smtps), setting: "mail.smtp_url"))
        #expect(failure.message == "mail.smtp_url: The mail URL names no server; write it as smtps://user@host.")
        #expect(failure.exitCode == DeskFailure.badInput)
    }

    @Test func everyUnusablePasswordFileIsOneSentence() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsar-password-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, _ bytes: [UInt8], mode: Int) -> String {
            let path = directory.appendingPathComponent(name).path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: mode])
            return path
        }
        let cases: [(String, String)] = [
            (directory.appendingPathComponent("none").path, "The password file \(directory.path)/none cannot be read; check the path."),
            (file("open", Array("s3cret\n".utf8), mode: 0o644),
             "The password file \(directory.path)/open can be read by others (mode 644); run chmod 600 on it first."),
            (file("latin1", [0x73, 0xE9, 0xFF], mode: 0o600), "The password file \(directory.path)/latin1 cannot be read as UTF-8 text."),
            (file("empty", Array("\n".utf8), mode: 0o600), "The password file \(directory.path)/empty is empty."),
        ]
        for (path, sentence) in cases {
            let error = #expect(throws: MailPasswordError.self) { try MailPassword.resolve(variable: "X", environment: [:], file: path) }
            let failure = error.map { DeskFailure($0) }
            #expect(failure?.message == sentence)
            #expect(failure?.exitCode == DeskFailure.badInput)
            #expect(failure.map { !$0.message.contains("s3cret") } ?? false)
        }
        #expect(try MailPassword.resolve(variable: "X", environment: [:], file: file("good", Array("s3cret\n".utf8), mode: 0o600)) == "s3cret")
    }

    static let transport: [(MailTransportError.Kind, String?, Int32, String)] = [
        (.authentication, nil, 2,
         "The mail server refused the login; check the user in the URL and the password (environment variable, --password-file or ~/.netrc)."),
        (.certificate, nil, 2,
         "The mail server's certificate could not be verified (curl says no); check the host name in the URL, or name the CA with mail.ca_file or --ca-file."),
        (.tlsRequired, nil, 2, "The mail server does not offer STARTTLS; use imaps:// or smtps://, or --allow-plaintext for a server on this machine only."),
        (.connection, nil, 6,
         "The mail server could not be reached or stopped answering (curl says no); check the URL and that the server runs, then run the command again — what was stored stays stored."),
        (.folder, "NO [NONEXISTENT] Unknown Mailbox", 3,
         "The mail server has no such folder or refuses to open it (curl says no); check the folder name in the URL. The server said: NO [NONEXISTENT] Unknown Mailbox"),
        (.temporary, "451 4.7.1 Try again later", 1, "The mail server failed the request (curl says no). The server said: 451 4.7.1 Try again later"),
        (.permanent, nil, 1, "The mail server failed the request (curl says no)."),
        (.other, nil, 1, "The mail server failed the request (curl says no)."),
    ]

    @Test("every kind of mail server failure is one sentence with its exit code", arguments: transport)
    func transportSentence(_ kind: MailTransportError.Kind, _ reply: String?, _ exitCode: Int32, _ sentence: String) {
        let failure = DeskFailure(MailTransportError(kind: kind, curlCode: 67, curlMessage: "curl says no", serverReply: reply))
        #expect(failure.message == sentence)
        #expect(failure.exitCode == exitCode)
    }
}
