import DeskTestSupport
import Foundation
import MailTransport
import Postgres
import Testing

/// `dsar intake fetch` and `dsar outbox` against the real Dovecot and Postfix that
/// `scripts/mail/servers.sh` starts for `make test`: the round trip, and the faults of issue 16.
@Suite(.serialized, .enabled(if: TestDatabase.isConfigured, Comment(rawValue: TestDatabase.skipReason)))
struct MailCommandTests {
    struct Desk {
        let database: TestDatabase
        let servers: MailServers
        var environment: [String: String]

        var inbox: String { "imaps://dpo%40desk.test@localhost:\(servers.imapsPort)/INBOX" }

        func dsar(_ arguments: [String], extra: [String: String] = [:]) throws -> DsarRun {
            try database.runDsar(arguments, environment: environment.merging(extra) { _, new in new })
        }

        func count(_ sql: Query) throws -> Int {
            try database.connection.query(sql).first?.decode(column: 0) ?? -1
        }
    }

    /// A migrated desk with letter settings, the SMTP server and auto-send on, and empty mailboxes.
    func withDesk(autoSend: Bool = true, _ body: (Desk) throws -> Void) throws {
        let servers = try MailServers.current()
        try servers.exclusive {
            try servers.emptyMaildir("dpo")
            try servers.emptyMaildir("requester")
            try TestDatabase.withDatabase(migrated: true) { database in
                let desk = Desk(database: database, servers: servers, environment: [
                    "DSAR_IMAP_PASSWORD": servers.password, "DSAR_SMTP_PASSWORD": servers.password, "DSAR_DEBUG": "0",
                ])
                for (key, value) in [
                    ("organisation.name", "Raqamli Xizmatlar MChJ"), ("organisation.address", "Toshkent"),
                    ("dpo.name", "Kamola Rasulova"), ("dpo.email", servers.dpo), ("mail.ca_file", servers.caFile),
                    ("mail.smtp_url", "smtp://dpo%40desk.test@localhost:\(servers.smtpPort)"),
                    ("mail.auto_send", autoSend ? "on" : "off"),
                ] {
                    let run = try desk.dsar(["settings", "set", key, value])
                    #expect(run.status == 0, "\(run.stderr)")
                }
                try body(desk)
            }
        }
    }

    func send(_ servers: MailServers, subject: String, body: String, headers: String = "") throws -> String {
        let id = "req\(UInt64.random(in: 0...UInt64.max))@example.test"
        let text = "From: Aziz Karimov <\(servers.requester)>\r\nTo: <\(servers.dpo)>\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0500\r\n\(headers)MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(body)\r\n"
        let smtp = try SMTPClient(account: servers.smtp(servers.requester), options: servers.options)
        _ = try smtp.send(Array(text.utf8), from: servers.requester, to: [servers.dpo])
        return "<\(id)>"
    }

    func waitFor(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what)")
    }

    /// The header `name` of a message's text.
    func header(_ name: String, in message: String) -> String? {
        // Maildir files have LF line ends (Postfix's virtual delivery), the wire had CRLF.
        message.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }

    @Test func requestAcknowledgementReplyAndBounceMakeTheRoundTrip() throws {
        try withDesk { desk in
            let servers = desk.servers
            // 1. A requester writes; Postfix delivers it into the DPO's Maildir.
            let original = try send(servers, subject: "Maʼlumotlarim", body: "Assalomu alaykum. Iltimos, men haqimda qanday shaxsga doir maʼlumotlar saqlanayotganini bildiring va nusxasini yuboring.")
            _ = try servers.waitForMessages("dpo", count: 1)

            // 2. The fetch makes a request; its acknowledgement goes out through the outbox.
            let fetched = try desk.dsar(["intake", "fetch", desk.inbox, "--mark-seen"])
            #expect(fetched.status == 0, "\(fetched.stderr)")
            #expect(fetched.stdout.contains("1 message fetched, 1 new"), "\(fetched.stdout)")
            #expect(fetched.stdout.contains("Outbox: 1 of 1 letter sent."), "\(fetched.stdout)")
            #expect(!fetched.stdout.contains(servers.password) && !fetched.stderr.contains(servers.password))
            let reference: String = try #require(try desk.database.connection.query("SELECT reference FROM requests").first?.decode(column: 0))

            // 3. It arrives in the requester's Maildir with the right headers.
            try waitFor("the acknowledgement") { !servers.messages("requester").isEmpty }
            let acknowledgement = try #require(servers.messages("requester").first)
            #expect(header("From", in: acknowledgement)?.contains(servers.dpo) == true)
            #expect(header("To", in: acknowledgement)?.contains(servers.requester) == true)
            #expect(header("In-Reply-To", in: acknowledgement) == original)
            #expect(header("Subject", in: acknowledgement)?.contains(reference) == true)
            let letterID = try #require(header("Message-ID", in: acknowledgement))
            #expect(try desk.count("SELECT count(*)::int FROM outbox WHERE status = 'sent' AND server_reply LIKE '250 %queued as%'") == 1)
            #expect(try desk.count("SELECT count(*)::int FROM events WHERE event = 'letter_sent'") == 1)
            // --mark-seen: the stored message is \Seen now.
            #expect(servers.messages("dpo").count == 1)

            // 4. The requester answers the acknowledgement: it comes back as a reply.
            _ = try send(servers, subject: "Re: javob", body: "Rahmat, pasport nusxasini ilova qilaman.",
                         headers: "In-Reply-To: \(letterID)\r\nReferences: \(original) \(letterID)\r\n")
            _ = try servers.waitForMessages("dpo", count: 2)
            let second = try desk.dsar(["intake", "fetch", desk.inbox])
            #expect(second.stdout.contains("1 message fetched, 0 new (created 0 requests), 1 reply"), "\(second.stdout)")
            let shown = try desk.dsar(["show", reference, "--json"])
            #expect(shown.stdout.contains("Re: javob"))

            // 5. A letter to an address whose server refuses it after accepting: a DSN comes back.
            let bouncing = try desk.dsar(["new", "--kind", "erasure", "--name", "Nobody", "--email", "nobody@bounce.test", "--lang", "uz"])
            let bouncingReference = bouncing.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let sent = try desk.dsar(["letter", bouncingReference, "acknowledgement", "--send"])
            #expect(sent.status == 0 && sent.stdout.contains(": sent — 250"), "\(sent.stdout)\(sent.stderr)")
            _ = try servers.waitForMessages("dpo", count: 3)
            let third = try desk.dsar(["intake", "fetch", desk.inbox])
            #expect(third.stdout.contains("marked bounced"), "\(third.stdout)")
            #expect(try desk.count("SELECT count(*)::int FROM outbox WHERE status = 'bounced'") == 1)
            let queue = try desk.dsar(["queue", "--json"])
            let items = try #require(try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]])
            let flagged = items.filter { ($0["bounced"] as? Bool) == true }.compactMap { $0["reference"] as? String }
            #expect(flagged == [bouncingReference])
            // The report is no reply from the requester: a triage item, and no R flag.
            #expect(items.first { ($0["reference"] as? String) == bouncingReference }?["reply_waiting"] as? Bool == false)

            // A rerun fetches nothing and writes nothing.
            let again = try desk.dsar(["intake", "fetch", desk.inbox])
            #expect(again.stdout.contains("0 messages fetched"))
        }
    }

    @Test func aWrongPasswordOrCertificateStopsBeforeAnythingIsWritten() throws {
        try withDesk { desk in
            _ = try send(desk.servers, subject: "delete my data", body: "Please delete all my personal data.")
            _ = try desk.servers.waitForMessages("dpo", count: 1)
            let wrong = try desk.dsar(["intake", "fetch", desk.inbox], extra: ["DSAR_IMAP_PASSWORD": "not-it"])
            #expect(wrong.status == 2)
            #expect(wrong.stderr.hasPrefix("dsar: The mail server refused the login"))
            #expect(wrong.stderr.split(separator: "\n").count == 1)
            #expect(!wrong.stderr.contains("not-it"))
            let mismatch = try desk.dsar(["intake", "fetch", "imaps://dpo%40desk.test@127.0.0.1:\(desk.servers.imapsPort)/INBOX"])
            #expect(mismatch.status == 2)
            #expect(mismatch.stderr.contains("certificate"))
            let openFile = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UInt32.random(in: 0...UInt32.max))")
            try Data(desk.servers.password.utf8).write(to: openFile)
            defer { try? FileManager.default.removeItem(at: openFile) }
            chmod(openFile.path, 0o644)
            let readable = try desk.dsar(["intake", "fetch", desk.inbox, "--password-file", openFile.path])
            #expect(readable.status == 2 && readable.stderr.contains("chmod 600"))
            #expect(try desk.count("SELECT count(*)::int FROM messages") == 0)
            #expect(try desk.count("SELECT count(*)::int FROM mail_folders") == 0)
            // The same file, private: it works.
            chmod(openFile.path, 0o600)
            let good = try desk.dsar(["intake", "fetch", desk.inbox, "--password-file", openFile.path], extra: ["DSAR_IMAP_PASSWORD": ""])
            #expect(good.status == 0, "\(good.stderr)")
            #expect(try desk.count("SELECT count(*)::int FROM messages") == 1)
        }
    }

    @Test func theIMAPServerStoppedMidFetchLosesNothingAndStoresNothingTwice() throws {
        try withDesk(autoSend: false) { desk in
            let servers = desk.servers
            let total = 3_000
            let messages = (0..<total).map { index in
                Array("From: Writer \(index) <w\(index)@example.test>\r\nTo: <dpo@desk.test>\r\nSubject: iltimos\r\nMessage-ID: <bulk\(index).\(UInt32.random(in: 0...UInt32.max))@example.test>\r\nDate: Tue, 1 Dec 2026 09:00:00 +0500\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease delete all the personal data you hold about me, message \(index).\r\n".utf8)
            }
            try servers.deliver(messages, to: "dpo")
            let process = Process()
            process.executableURL = try DsarBinary.locate()
            // Small batches: the server is stopped while most of the folder is still to come.
            process.arguments = ["intake", "fetch", desk.inbox, "--batch", "1"]
            process.environment = ProcessInfo.processInfo.environment.merging(desk.environment) { _, new in new }
                .merging(["DSAR_DATABASE_URL": desk.database.url]) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try waitFor("the first batch") { try desk.count("SELECT count(*)::int FROM messages") > 0 }
            try servers.stopIMAP()
            process.waitUntilExit()
            let stored = try desk.count("SELECT count(*)::int FROM messages")
            #expect(process.terminationStatus != 0, "the fetch should have lost its server")
            #expect(stored > 0 && stored < total, "stored \(stored)")
            try servers.startIMAP()
            let rerun = try desk.dsar(["intake", "fetch", desk.inbox])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try desk.count("SELECT count(*)::int FROM messages") == total)
            #expect(try desk.count("SELECT count(DISTINCT message_id)::int FROM messages") == total)
            let status = try IMAPClient(account: servers.imap(servers.dpo), options: servers.options).status()
            #expect(try desk.count("SELECT last_uid::int FROM mail_folders") == Int(status.uidNext) - 1)
        }
    }

    @Test func a451IsTriedAgainAndSentOnceAndA550FailsWithTheReason() throws {
        try withDesk(autoSend: false) { desk in
            let servers = desk.servers
            func request(_ email: String) throws -> String {
                try desk.dsar(["new", "--kind", "access", "--name", "Ali Valiyev", "--email", email, "--lang", "en"])
                    .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let greylisted = try request("greylist@example.test")
            let first = try desk.dsar(["letter", greylisted, "acknowledgement", "--send"])
            #expect(first.status == 0 && first.stdout.contains("queued — 451"), "\(first.stdout)\(first.stderr)")
            #expect(!first.stdout.contains(servers.password) && !first.stderr.contains(servers.password))
            #expect(try desk.count("SELECT count(*)::int FROM outbox WHERE status = 'queued' AND next_attempt_at IS NOT NULL") == 1)
            // Not due yet: nothing is tried.
            let early = try desk.dsar(["outbox", "send", "--all"])
            #expect(early.stdout.contains("Nothing is due"), "\(early.stdout)")
            try servers.clearPostfixMap("greylist")
            let later = try desk.dsar(["outbox", "send", "--all"], extra: ["DSAR_NOW": ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))])
            #expect(later.stdout.contains("1 of 1 letter sent."), "\(later.stdout)\(later.stderr)")
            try waitFor("the greylisted letter") { servers.messages("requester").count == 1 }
            Thread.sleep(forTimeInterval: 0.5)
            #expect(servers.messages("requester").count == 1)
            #expect(try desk.count("SELECT attempts FROM outbox WHERE status = 'sent'") == 2)

            let unknown = try request("nobody@desk.test")
            let refused = try desk.dsar(["letter", unknown, "acknowledgement", "--send"])
            #expect(refused.stdout.contains("failed — 550"), "\(refused.stdout)")
            let failed = try desk.dsar(["outbox", "--status", "failed", "--json"])
            #expect(failed.stdout.contains("550 5.1.1"))
            let retried = try desk.dsar(["outbox", "retry", "2"])
            #expect(retried.status == 0)
            let cancelled = try desk.dsar(["outbox", "cancel", "2"])
            #expect(cancelled.status == 0)
            let sentAgain = try desk.dsar(["outbox", "cancel", "1"])
            #expect(sentAgain.status == 4 && sentAgain.stderr.contains("is sent"))
        }
    }

    @Test func aSenderKilledInTheDialogueLeavesTheLetterUncertainNeverResent() throws {
        try withDesk(autoSend: false) { desk in
            let servers = desk.servers
            let reference = try desk.dsar(["new", "--kind", "access", "--name", "Ali Valiyev", "--email", "slow@example.test", "--lang", "en"])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let process = Process()
            process.executableURL = try DsarBinary.locate()
            process.arguments = ["letter", reference, "acknowledgement", "--send"]
            process.environment = ProcessInfo.processInfo.environment.merging(desk.environment) { _, new in new }
                .merging(["DSAR_DATABASE_URL": desk.database.url]) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try waitFor("the letter to be sending") { try desk.count("SELECT count(*)::int FROM outbox WHERE status = 'sending'") == 1 }
            Thread.sleep(forTimeInterval: 1)  // in the 30-second pause after the data
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let listed = try desk.dsar(["outbox"])
            #expect(listed.stdout.contains("uncertain"), "\(listed.stdout)")
            let again = try desk.dsar(["outbox", "send", "--all"])
            #expect(again.stdout.contains("Nothing is due"), "\(again.stdout)")
            #expect(try desk.count("SELECT count(*)::int FROM outbox WHERE status = 'uncertain'") == 1)
            let marked = try desk.dsar(["outbox", "mark-sent", "1"])
            #expect(marked.status == 0, "\(marked.stderr)")
            #expect(try desk.count("SELECT count(*)::int FROM events WHERE event = 'letter_sent'") == 1)
            #expect(servers.messages("requester").isEmpty)
        }
    }
}
