import Foundation
import Testing
@testable import MailIntake

@Suite struct ReaderTests {
    static let mboxSubjects = [
        "Shaxsga doir maʼlumotlar boʻyicha soʻrov", "Удаление персональных данных", "From line test",
        "Subject Access Request under Article 15 GDPR", "Маълумотларимни ўчириш", "Chegirmalar haftaligi: 50% gacha!",
    ]

    func messages(_ stream: any MessageStream) -> [RawMessage] {
        MessageSequence(stream).compactMap { item in
            if case .message(let raw) = item { return raw }
            return nil
        }
    }

    @Test(arguments: ["fixtures.mbox", "fixtures-crlf.mbox"])
    func mboxYieldsEveryMessageInOrder(name: String) throws {
        let path = FixtureSupport.path(name)
        #expect(try MailSource.kind(of: path) == .mbox)
        let raws = messages(try MailSource.open(path: path))
        #expect(raws.map(\.ordinal) == Array(1...6))
        #expect(raws.map(\.source) == (1...6).map { "\(path)#\($0)" })
        let subjects = try raws.map { try MIMEParser.parse($0.bytes).subject }
        #expect(subjects == Self.mboxSubjects)
    }

    @Test func mboxUnescapesFromLinesAndKeepsMessagesByteExact() throws {
        let raws = messages(try MboxReader(path: FixtureSupport.path("fixtures.mbox")))
        #expect(raws[2].bytes == FixtureSupport.bytes("escaped_from.txt"))
        let text = String(decoding: raws[2].bytes, as: UTF8.self)
        #expect(text.contains("\nFrom the start of my contract"))
        #expect(text.contains("\n>From here on"))
        #expect(raws[0].bytes == FixtureSupport.bytes("uz_access.eml"))
    }

    @Test func mboxOffsetsPointAtSeparatorLines() throws {
        let path = FixtureSupport.path("fixtures.mbox")
        let all = FixtureSupport.bytes("fixtures.mbox")
        for raw in messages(try MboxReader(path: path)) {
            let start = Int(raw.offset)
            #expect(Array(all[start..<(start + 5)]) == Array("From ".utf8))
        }
    }

    @Test func mboxResumesAfterSkippedMessages() throws {
        let raws = messages(try MailSource.open(path: FixtureSupport.path("fixtures.mbox"), skipping: 4))
        #expect(raws.map(\.ordinal) == [5, 6])
    }

    @Test func mboxResumesAtARecordedOffset() throws {
        let path = FixtureSupport.path("fixtures.mbox")
        let all = messages(try MboxReader(path: path))
        let resumed = messages(try MboxReader(path: path, resumingAt: all[3].offset, ordinal: all[3].ordinal))
        #expect(resumed == Array(all[3...]))
    }

    @Test func mboxGivesOversizedMessagesBackWithoutLoadingThem() throws {
        let reader = try MboxReader(path: FixtureSupport.path("fixtures.mbox"), limits: IntakeLimits(maxMessageBytes: 700))
        var tooLarge = 0
        var small = 0
        while let item = reader.next() {
            switch item {
            case .tooLarge(_, _, _, let size): tooLarge += 1; #expect(size > 700)
            case .message(let raw): small += 1; #expect(raw.bytes.count <= 700)
            case .unreadable: Issue.record("unexpected unreadable item")
            }
        }
        #expect(tooLarge + small == 6)
        #expect(tooLarge > 0 && small > 0)
    }

    @Test func maildirReadsNewThenCurSorted() throws {
        let path = FixtureSupport.path("Maildir")
        #expect(try MailSource.kind(of: path) == .maildir)
        let raws = messages(try MailSource.open(path: path))
        #expect(raws.count == 3)
        #expect(raws[0].source.hasSuffix("Maildir/new/1773000.M0P1.desk"))
        #expect(raws[1].source.hasSuffix("Maildir/cur/1773000.M0P1.desk:2,S"))
        #expect(raws.map(\.ordinal) == [1, 2, 3])
        #expect(raws[2].bytes == FixtureSupport.bytes("en_restriction.eml"))
        #expect(messages(try MailSource.open(path: path, skipping: 2)).count == 1)
    }

    @Test func aFolderOfEmlFilesIsReadWithItsSubFoldersInNameOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eml-folder-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/2026/March", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/.trash", withIntermediateDirectories: true)
        let access = FixtureSupport.bytes("en_access_legal.eml")
        let restriction = FixtureSupport.bytes("en_restriction.eml")
        #expect(fm.createFile(atPath: root + "/b request.EML", contents: Data(restriction)))
        #expect(fm.createFile(atPath: root + "/a.eml", contents: Data(access)))
        #expect(fm.createFile(atPath: root + "/2026/March/c.eml", contents: Data(access)))
        #expect(fm.createFile(atPath: root + "/scan.pdf", contents: Data("%PDF-1.4".utf8)))
        #expect(fm.createFile(atPath: root + "/.DS_Store", contents: Data([0, 1])))
        #expect(fm.createFile(atPath: root + "/.trash/old.eml", contents: Data(access)))
        try fm.createSymbolicLink(atPath: root + "/2026/loop", withDestinationPath: root)

        #expect(try MailSource.kind(of: root) == .emlFolder)
        let folder = try MessageFolder(path: root)
        #expect(folder.files == ["a.eml", "b request.EML", "2026/March/c.eml"])
        #expect(folder.skipped == ["scan.pdf"])
        #expect(folder.totalBytes == UInt64(2 * access.count + restriction.count))
        let raws = messages(try MailSource.open(path: root))
        #expect(raws.map(\.source) == [root + "/a.eml", root + "/b request.EML", root + "/2026/March/c.eml"])
        #expect(raws.map(\.ordinal) == [1, 2, 3])
        #expect(raws[1].bytes == restriction)
        #expect(messages(try MailSource.open(path: root, skipping: 2)).map(\.source) == [root + "/2026/March/c.eml"])

        // A folder with nothing to read is refused, not read as an empty mailbox.
        try fm.removeItem(atPath: root + "/a.eml")
        try fm.removeItem(atPath: root + "/b request.EML")
        try fm.removeItem(atPath: root + "/2026/March/c.eml")
        #expect { try MailSource.kind(of: root) } throws: { ($0 as? MailIntakeError)?.code == .unsupportedSource }
    }

    @Test func emlFileIsOneMessage() throws {
        let path = FixtureSupport.path("en_access_legal.eml")
        #expect(try MailSource.kind(of: path) == .eml)
        let items = Array(MessageSequence(try MailSource.open(path: path)))
        #expect(items == [.message(RawMessage(bytes: FixtureSupport.bytes("en_access_legal.eml"), source: path))])
        let limited = EmlReader(handle: try #require(FileHandle(forReadingAtPath: path)), source: "-",
                                limits: IntakeLimits(maxMessageBytes: 10))
        guard case .tooLarge(let source, _, _, _) = limited.next() else {
            Issue.record("expected too large")
            return
        }
        #expect(source == "-")
    }

    @Test func dashIsStdinAndMissingPathIsAnError() throws {
        #expect(try MailSource.kind(of: "-") == .stdin)
        #expect(throws: MailIntakeError.self) { try MailSource.kind(of: "/nonexistent/inbox.mbox") }
        #expect { try MailSource.kind(of: FixtureSupport.path("Maildir/tmp")) } throws: {
            ($0 as? MailIntakeError)?.code == .unsupportedSource
        }
    }

    @Test func bigGeneratedMboxStreams() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailintake-\(getpid()).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = Array("From x@y Mon Mar  2 10:15:00 2026\nFrom: a@b.uz\nSubject: s\n\n".utf8)
            + Array(repeating: UInt8(ascii: "a"), count: 2000) + [0x0A, 0x0A]
        var data = Data()
        for _ in 0..<500 { data.append(contentsOf: one) }
        #expect(FileManager.default.createFile(atPath: path, contents: data))
        var count = 0
        for item in MessageSequence(try MboxReader(path: path)) {
            if case .message(let raw) = item, raw.bytes.count == one.count - 35 { count += 1 }
        }
        #expect(count == 500)
    }
}
