import Foundation
import DeskTestSupport
import MailTransport
import Testing

/// libcurl against the real Dovecot and Postfix of `scripts/mail/servers.sh`.
@Suite(.serialized) struct MailTransportTests {
    @Test func sendsThroughPostfixAndReadsBackOverIMAPWithoutMarkingSeen() throws {
        let servers = try MailServers.current()
        try servers.exclusive { try roundTrip(servers) }
    }

    private func roundTrip(_ servers: MailServers) throws {
        try servers.emptyMaildir("dpo")
        let smtp = try SMTPClient(account: servers.smtp(servers.requester), options: servers.options, heloDomain: "example.test")
        let inbox = try IMAPClient(account: servers.imap(servers.dpo), options: servers.options)
        let before = try inbox.status()
        var ids: [String] = []
        for index in 0..<3 {
            let message = MailServers.message(from: servers.requester, to: servers.dpo, subject: "Transport \(index)", body: "Body \(index)")
            let reply = try smtp.send(message.bytes, from: servers.requester, to: [servers.dpo])
            #expect(reply.code == 250)
            #expect(reply.text.contains("queued as"))
            ids.append(message.id)
        }
        _ = try servers.waitForMessages("dpo", count: before.messages + 3)

        let status = try inbox.status()
        #expect(status.uidValidity == before.uidValidity)
        let uids = try inbox.uids(after: before.uidNext - 1, before: status.uidNext)
        #expect(uids.count == 3)
        #expect(try inbox.uids(after: uids.last ?? 0, before: status.uidNext).isEmpty)
        for (uid, id) in zip(uids, ids) {
            let bytes = try #require(try inbox.fetch(uid: uid))
            #expect(String(decoding: bytes, as: UTF8.self).contains(id))
        }
        // Reading did not set \Seen: no file in cur/ carries the S flag yet.
        #expect(try seenCount(servers) == 0)
        try inbox.markSeen([uids[0]])
        #expect(try seenCount(servers) == 1)
    }

    @Test func aWrongPasswordIsAnAuthenticationFailure() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
        var options = servers.options
        options.password = "not-the-password"
        let client = try IMAPClient(account: servers.imap(servers.dpo), options: options)
        let error = #expect(throws: MailTransportError.self) { try client.status() }
        #expect(error?.kind == .authentication)
        #expect(error.map { !$0.description.contains("not-the-password") } ?? false)
        }
    }

    @Test func aCertificateForAnotherNameIsRefused() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
        let client = try IMAPClient(account: servers.imap(servers.dpo, host: "127.0.0.1"), options: servers.options)
        let error = #expect(throws: MailTransportError.self) { try client.status() }
        #expect(error?.kind == .certificate)
        }
    }

    @Test func plainIMAPUpgradesWithStartTLSAndChecksTheCertificate() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
        let account = MailAccount(scheme: .imap, user: servers.dpo, host: "localhost", port: servers.imapPort, folder: "INBOX")
        #expect(try IMAPClient(account: account, options: servers.options).status().uidValidity > 0)
        // STARTTLS is verified like imaps://: without our CA the server's certificate is refused.
        var untrusting = servers.options
        untrusting.caFile = "/dev/null"
        let error = #expect(throws: MailTransportError.self) { try IMAPClient(account: account, options: untrusting).status() }
        #expect(error?.kind == .certificate)
        }
    }

    @Test func anUnknownRecipientIsAPermanentRefusalWithTheServersReason() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
        let smtp = try SMTPClient(account: servers.smtp(servers.requester), options: servers.options)
        let message = MailServers.message(from: servers.requester, to: "nobody@desk.test", subject: "x", body: "y")
        let error = #expect(throws: MailTransportError.self) {
            try smtp.send(message.bytes, from: servers.requester, to: ["nobody@desk.test"])
        }
        #expect(error?.kind == .permanent)
        #expect(error?.replyCode == 550)
        }
    }

    /// A large folder's UIDs all come back: a SEARCH answer of thousands of UIDs is one long line,
    /// which libcurl's default buffer cut in the middle (a 20,000-message folder lost 56 % of it).
    @Test func everyUIDOfALargeFolderIsListed() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
            try servers.emptyMaildir("dpo")
            let count = 6_000
            try servers.deliver((0..<count).map { MailServers.message(from: "a@example.test", to: servers.dpo, subject: "n\($0)", body: "x").bytes },
                                to: "dpo")
            let inbox = try IMAPClient(account: servers.imap(servers.dpo), options: servers.options)
            let status = try inbox.status()
            let uids = try inbox.uids(after: 0, before: status.uidNext)
            #expect(uids.count == count)
            #expect(Set(uids).count == count)
            try servers.emptyMaildir("dpo")
        }
    }

    /// A folder named in Cyrillic is read and moved into: the names go out in modified UTF-7,
    /// which is also how Dovecot stores them on disk (the directory names below are written by
    /// hand, not by the encoder under test).
    @Test func foldersNamedInCyrillicAreReadAndMovedInto() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
            let requests = ".&BB4EMQRABDAESQQ1BD0EOARP-"  // Обращения
            let done = ".&BB4EMQRABDAEMQQ+BEIEMAQ9BD4-"  // Обработано
            for name in [requests, done] { try? FileManager.default.removeItem(atPath: servers.maildir("dpo") + "/" + name) }
            let message = MailServers.message(from: "a@example.test", to: servers.dpo, subject: "Cyrillic folder", body: "x")
            try servers.deliver([message.bytes], to: "dpo", folder: requests)
            try servers.deliver([], to: "dpo", folder: done)
            let folder = try IMAPClient(account: servers.imap(servers.dpo, folder: "Обращения"), options: servers.options)
            let status = try folder.status()
            #expect(status.messages == 1)
            let uids = try folder.uids(after: 0, before: status.uidNext)
            #expect(uids.count == 1)
            let bytes = try #require(try folder.fetch(uid: uids[0]))
            #expect(String(decoding: bytes, as: UTF8.self).contains(message.id))
            #expect(try folder.folderExists("Обработано"))
            #expect(try !folder.folderExists("Обработанные"))
            try folder.move(uids, to: "Обработано")
            let moved = try IMAPClient(account: servers.imap(servers.dpo, folder: "Обработано"), options: servers.options)
            #expect(try moved.status().messages == 1)
            #expect(try IMAPClient(account: servers.imap(servers.dpo, folder: "Обращения"), options: servers.options).status().messages == 0)
            for name in [requests, done] { try? FileManager.default.removeItem(atPath: servers.maildir("dpo") + "/" + name) }
            // A folder the server does not have is a folder failure with the server's refusal,
            // not the logout line that follows it.
            let missing = try IMAPClient(account: servers.imap(servers.dpo, folder: "Нет такой"), options: servers.options)
            let error = #expect(throws: MailTransportError.self) { try missing.status() }
            #expect(error?.kind == .folder)
            #expect(error?.serverReply?.contains(" NO ") == true)
        }
    }

    /// A server without MOVE gets UID COPY and \Deleted; without UIDPLUS nothing is expunged (a
    /// plain EXPUNGE would take what others marked too). The test user's Dovecot offers
    /// IMAP4rev1 alone.
    @Test func withoutMoveMessagesAreCopiedAndMarkedDeleted() throws {
        let servers = try MailServers.current()
        try servers.exclusive { () throws -> Void in
            let done = servers.maildir("legacy") + "/.Done"
            try? FileManager.default.removeItem(atPath: done)
            try servers.emptyMaildir("legacy")
            let message = MailServers.message(from: "a@example.test", to: servers.legacy, subject: "Old server", body: "x")
            try servers.deliver([message.bytes], to: "legacy")
            try servers.deliver([], to: "legacy", folder: ".Done")
            let inbox = try IMAPClient(account: servers.imap(servers.legacy), options: servers.options)
            let offered = try inbox.capabilities()
            #expect(offered.contains("IMAP4REV1") && !offered.contains("MOVE") && !offered.contains("UIDPLUS"))
            let status = try inbox.status()
            let uids = try inbox.uids(after: 0, before: status.uidNext)
            #expect(uids.count == 1)
            try inbox.move(uids, to: "Done")
            let copied = try IMAPClient(account: servers.imap(servers.legacy, folder: "Done"), options: servers.options)
            let copiedStatus = try copied.status()
            #expect(copiedStatus.messages == 1)
            let copiedUID = try #require(try copied.uids(after: 0, before: copiedStatus.uidNext).first)
            let copy = try #require(try copied.fetch(uid: copiedUID))
            #expect(String(decoding: copy, as: UTF8.self).contains(message.id))
            // The original is still there, marked \Deleted (Maildir flag T).
            let cur = (try? FileManager.default.contentsOfDirectory(atPath: servers.maildir("legacy") + "/cur")) ?? []
            #expect(cur.count == 1 && cur.allSatisfy { $0.split(separator: ",").last?.contains("T") == true })
            try? FileManager.default.removeItem(atPath: done)
            try servers.emptyMaildir("legacy")
        }
    }

    @Test func folderNamesGoOutInModifiedUTF7() {
        #expect(IMAPMailboxName.encoded("INBOX") == "INBOX")
        #expect(IMAPMailboxName.encoded("Requests in") == "Requests in")
        #expect(IMAPMailboxName.encoded("R&D") == "R&-D")
        // RFC 3501 §5.1.3's example, and what Python's UTF-7 codec gives once "+" and "/" are mapped.
        #expect(IMAPMailboxName.encoded("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
        #expect(IMAPMailboxName.encoded("Входящие/Заявки 2026") == "&BBIERQQ+BDQETwRJBDgENQ-/&BBcEMARPBDIEOgQ4- 2026")
        #expect(IMAPMailboxName.encoded("Kiruvchi/Soʻrovlar") == "Kiruvchi/So&Ars-rovlar")
        #expect(IMAPMailboxName.encoded("📨") == "&2D3c6A-")
    }

    @Test func mailURLsAreParsedAndPasswordsRefused() throws {
        let account = try MailAccount(parsing: "imaps://dpo%40desk.test@mail.example.uz/Requests%20in")
        #expect(account.user == "dpo@desk.test")
        #expect(account.port == 993)
        #expect(account.folder == "Requests in")
        #expect(try MailAccount(parsing: "imap://a@h").folder == "INBOX")
        #expect(throws: MailAccountError.self) { try MailAccount(parsing: "imaps://a:secret@h/INBOX") }
        #expect(throws: MailAccountError.self) { try MailAccount(parsing: "https://h/") }
        #expect(throws: MailAccountError.self) { try MailAccount(parsing: "smtp://a@h/INBOX") }
    }

    private func seenCount(_ servers: MailServers) throws -> Int {
        let cur = (try? FileManager.default.contentsOfDirectory(atPath: "\(servers.maildir("dpo"))/cur")) ?? []
        return cur.filter { name in name.split(separator: ",").last.map { $0.contains("S") && name.contains(":2,") } ?? false }.count
    }
}
