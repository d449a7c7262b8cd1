import Foundation
import MailTransport

/// The Dovecot and Postfix that `scripts/mail/servers.sh` started for this test run.
struct MailServers {
    let directory: String
    let caFile: String
    let password: String
    let imapPort: Int
    let imapsPort: Int
    let smtpPort: Int
    let dpo: String
    let requester: String

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "DSAR_MAIL_DIR is not set; run `make test`, which starts Dovecot and Postfix on loopback." }
    }

    static func current() throws -> MailServers {
        let env = ProcessInfo.processInfo.environment
        guard let dir = env["DSAR_MAIL_DIR"], let ca = env["DSAR_MAIL_CA"], let password = env["DSAR_MAIL_PASSWORD"],
              let imap = env["DSAR_MAIL_IMAP_PORT"].flatMap(Int.init), let imaps = env["DSAR_MAIL_IMAPS_PORT"].flatMap(Int.init),
              let smtp = env["DSAR_MAIL_SMTP_PORT"].flatMap(Int.init)
        else { throw NotConfigured() }
        return MailServers(directory: dir, caFile: ca, password: password, imapPort: imap, imapsPort: imaps, smtpPort: smtp,
                           dpo: env["DSAR_MAIL_DPO"] ?? "dpo@desk.test", requester: env["DSAR_MAIL_REQUESTER"] ?? "requester@example.test")
    }

    var options: MailConnectionOptions { MailConnectionOptions(password: password, useNetrc: false, caFile: caFile, timeoutSeconds: 20) }

    func imap(_ user: String, folder: String = "INBOX", host: String = "localhost") -> MailAccount {
        MailAccount(scheme: .imaps, user: user, host: host, port: imapsPort, folder: folder)
    }

    func smtp(_ user: String) -> MailAccount {
        MailAccount(scheme: .smtp, user: user, host: "localhost", port: smtpPort)
    }

    /// The Maildir of `user` (`dpo` or `requester`).
    func maildir(_ local: String) -> String { "\(directory)/mail/\(local)/Maildir" }

    /// Waits (up to 20 s) until `user`'s Maildir holds at least `count` messages in new/ and cur/.
    func waitForMessages(_ local: String, count: Int) throws -> Int {
        let deadline = Date().addingTimeInterval(20)
        var seen = 0
        while Date() < deadline {
            seen = ["new", "cur"].reduce(0) { total, sub in
                total + ((try? FileManager.default.contentsOfDirectory(atPath: "\(maildir(local))/\(sub)"))?.count ?? 0)
            }
            if seen >= count { return seen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return seen
    }

    /// A unique test message.
    static func message(from: String, to: String, subject: String, body: String) -> (id: String, bytes: [UInt8]) {
        let id = "t\(UInt64.random(in: 0...UInt64.max))@example.test"
        let text = "From: <\(from)>\r\nTo: <\(to)>\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\nDate: Tue, 1 Dec 2026 09:00:00 +0500\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
        return (id, Array(text.utf8))
    }
}
