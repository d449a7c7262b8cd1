import DeskStore
import Foundation
public import MailTransport

/// The Dovecot and Postfix that `scripts/mail/servers.sh` started for this test run.
public struct MailServers {
    public let directory: String
    public let caFile: String
    public let password: String
    public let imapPort: Int
    public let imapsPort: Int
    public let smtpPort: Int
    public let dpo: String
    public let requester: String
    /// A user whose server offers IMAP4rev1 alone (no MOVE, no UIDPLUS).
    public let legacy: String

    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String { "DSAR_MAIL_DIR is not set; run `make test`, which starts Dovecot and Postfix on loopback." }
    }

    public static func current() throws -> MailServers {
        let env = ProcessInfo.processInfo.environment
        guard let dir = env["DSAR_MAIL_DIR"], let ca = env["DSAR_MAIL_CA"], let password = env["DSAR_MAIL_PASSWORD"],
              let imap = env["DSAR_MAIL_IMAP_PORT"].flatMap(Int.init), let imaps = env["DSAR_MAIL_IMAPS_PORT"].flatMap(Int.init),
              let smtp = env["DSAR_MAIL_SMTP_PORT"].flatMap(Int.init)
        else { throw NotConfigured() }
        return MailServers(directory: dir, caFile: ca, password: password, imapPort: imap, imapsPort: imaps, smtpPort: smtp,
                           dpo: env["DSAR_MAIL_DPO"] ?? "dpo@desk.test", requester: env["DSAR_MAIL_REQUESTER"] ?? "requester@example.test",
                           legacy: env["DSAR_MAIL_LEGACY"] ?? "legacy@desk.test")
    }

    public var options: MailConnectionOptions { MailConnectionOptions(password: password, useNetrc: false, caFile: caFile, timeoutSeconds: 20) }

    public func imap(_ user: String, folder: String = "INBOX", host: String = "localhost") -> MailAccount {
        MailAccount(scheme: .imaps, user: user, host: host, port: imapsPort, folder: folder)
    }

    public func smtp(_ user: String) -> MailAccount {
        MailAccount(scheme: .smtp, user: user, host: "localhost", port: smtpPort)
    }

    /// The Maildir of `user` (`dpo` or `requester`).
    public func maildir(_ local: String) -> String { "\(directory)/mail/\(local)/Maildir" }

    /// Waits (up to 20 s) until `user`'s Maildir holds at least `count` messages in new/ and cur/.
    public func waitForMessages(_ local: String, count: Int) throws -> Int {
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
    public static func message(from: String, to: String, subject: String, body: String) -> (id: String, bytes: [UInt8]) {
        let id = "t\(UInt64.random(in: 0...UInt64.max))@example.test"
        let text = "From: <\(from)>\r\nTo: <\(to)>\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\nDate: Tue, 1 Dec 2026 09:00:00 +0500\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
        return (id, Array(text.utf8))
    }

    /// `postfix reload` after a map changed (greylist, slow).
    public func reloadPostfix() throws {
        try run(["/usr/sbin/postfix", "-c", env("DSAR_MAIL_POSTFIX_CONFIG"), "reload"])
    }

    /// Empties one of the fault-injection maps of Postfix (`greylist`, `slow`) and reloads it.
    public func clearPostfixMap(_ name: String) throws {
        try Data().write(to: URL(fileURLWithPath: env("DSAR_MAIL_POSTFIX_CONFIG") + "/" + name))
        try reloadPostfix()
    }

    /// Stops Dovecot (the IMAP server goes away mid-fetch): the master, then every process still
    /// holding one of its IMAP ports — a session already open outlives its master otherwise.
    public func stopIMAP() throws {
        try run(["/usr/sbin/runuser", "-u", "dovecot", "--", "/usr/bin/doveadm", "-c", env("DSAR_MAIL_DOVECOT_CONFIG"), "stop"])
        try run(["/usr/bin/fuser", "-s", "-k", "-KILL", "\(imapsPort)/tcp", "\(imapPort)/tcp"])
    }

    /// Starts Dovecot again (and reloads Postfix, whose SMTP AUTH goes through Dovecot's auth
    /// service and would otherwise fail once on its broken connection).
    public func startIMAP() throws {
        try run(["/usr/sbin/runuser", "-u", "dovecot", "--", "/usr/sbin/dovecot", "-c", env("DSAR_MAIL_DOVECOT_CONFIG")])
        try reloadPostfix()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if (try? IMAPClient(account: imap(dpo), options: options).status()) != nil { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Puts `count` messages straight into `local`'s Maildir (faster than SMTP for large folders),
    /// or into its Maildir++ folder `directoryName` (".Name", the name as Dovecot stores it).
    public func deliver(_ messages: [[UInt8]], to local: String, folder directoryName: String? = nil) throws {
        let root = directoryName.map { maildir(local) + "/" + $0 } ?? maildir(local)
        for sub in ["cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        let new = root + "/new"
        try FileManager.default.createDirectory(atPath: new, withIntermediateDirectories: true)
        for (index, bytes) in messages.enumerated() {
            let path = "\(new)/\(Int(Date().timeIntervalSince1970)).T\(index)R\(UInt32.random(in: 0...UInt32.max)).test"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        try run(["/bin/chown", "-R", "dovecot:dovecot", directory + "/mail/" + local])
    }

    private func env(_ name: String) -> String { ProcessInfo.processInfo.environment[name] ?? "" }

    /// Runs a server program with posix_spawn (Foundation's Process would wait for ever on a
    /// daemon that inherits its descriptors).
    private func run(_ arguments: [String]) throws {
        _ = try ProgramRunner.run(arguments[0], Array(arguments.dropFirst()), outputFile: "/dev/null")
    }

    /// Runs `body` alone among the mail tests of every suite (they share one Dovecot and one
    /// Postfix): an flock on a file in the servers' directory.
    public func exclusive<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(directory + "/tests.lock", O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw NotConfigured() }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Removes every message from `local`'s Maildir (each test starts from an empty INBOX).
    public func emptyMaildir(_ local: String) throws {
        for sub in ["new", "cur"] {
            let folder = maildir(local) + "/" + sub
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }

    /// The messages in `local`'s Maildir (new/ and cur/), as text.
    public func messages(_ local: String) -> [String] {
        ["new", "cur"].flatMap { sub -> [String] in
            let folder = maildir(local) + "/" + sub
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap { name in
                FileManager.default.contents(atPath: folder + "/" + name).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    }
}
