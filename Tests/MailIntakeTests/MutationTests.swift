import Foundation
import Testing
@testable import MailIntake

/// 20,000 deterministic mutations of the fixtures through the mbox reader and the parser (issue 9,
/// item 3): no crash, no hang, and no message lost — every message written to a mailbox is read
/// back byte for byte, then parsed or quarantined with a reason. The inputs the libFuzzer target
/// (`scripts/fuzz.sh`) found are replayed from `Fixtures/fuzz/`.
@Suite struct MutationTests {
    /// Mutated messages in all of `mutatedMessagesAreParsedOrQuarantined`'s shards; `MAILINTAKE_MUTATIONS`
    /// asks for more (a longer soak) but never fewer than 20,000.
    static let messageCount = max(20_000, Int(ProcessInfo.processInfo.environment["MAILINTAKE_MUTATIONS"] ?? "") ?? 0)
    /// The run is cut into shards with their own seeds so Swift Testing runs them in parallel.
    static let shards = 4
    /// Messages per generated mailbox.
    static let messagesPerMailbox = 25

    /// Every fixture message: the .eml files, the Maildir files and the messages of the mboxes.
    static func seedMessages() throws -> [[UInt8]] {
        let directory = try #require(FixtureSupport.directory)
        let fm = FileManager.default
        var seeds: [[UInt8]] = []
        for name in try fm.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".eml") {
            seeds.append(FixtureSupport.bytes(name))
        }
        for sub in ["Maildir/new", "Maildir/cur"] {
            for name in (try? fm.contentsOfDirectory(atPath: directory.appendingPathComponent(sub).path))?.sorted() ?? [] {
                seeds.append(FixtureSupport.bytes(sub + "/" + name))
            }
        }
        for mbox in ["fixtures.mbox", "fixtures-crlf.mbox"] {
            for item in MessageSequence(try MboxReader(path: FixtureSupport.path(mbox))) {
                if case .message(let raw) = item { seeds.append(raw.bytes) }
            }
        }
        return seeds.filter { !$0.isEmpty }
    }

    /// An mboxrd mailbox of `messages`: each after a `From ` line, lines matching `>*From ` escaped
    /// with one more `>`, a line break added when missing, a blank line after each.
    static func mailbox(_ messages: [[UInt8]]) -> [UInt8] {
        var mbox: [UInt8] = []
        for (index, message) in messages.enumerated() {
            mbox += Array("From mutation-\(index)@example.uz Sat Nov 21 10:00:00 2026\n".utf8)
            var lineStart = 0
            while lineStart < message.count {
                let lineEnd = (message[lineStart...].firstIndex(of: 0x0A) ?? (message.count - 1)) + 1
                let line = message[lineStart..<lineEnd]
                let afterQuotes = line.drop { $0 == 0x3E }
                if afterQuotes.starts(with: Array("From ".utf8)) { mbox.append(0x3E) }
                mbox += line
                lineStart = lineEnd
            }
            if message.last != 0x0A { mbox.append(0x0A) }
            mbox.append(0x0A)
        }
        return mbox
    }

    /// `From ` lines at the start of the input or after a blank (LF or CRLF) line: the messages a
    /// reader must yield. Written independently of `MboxReader`.
    static func separatorCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var lineStart = 0
        var previousBlank = true
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if previousBlank && line.starts(with: Array("From ".utf8)) {
                count += 1
                previousBlank = false
            } else {
                previousBlank = lineEnd < bytes.count && (line.isEmpty || line.elementsEqual([0x0D]))
            }
            lineStart = lineEnd + 1
        }
        return count
    }

    /// Counts of what became of the messages of one run.
    struct Tally: CustomStringConvertible {
        var parsed = 0
        var quarantined: [String: Int] = [:]
        var quarantinedTotal: Int { quarantined.values.reduce(0, +) }

        /// Parses `bytes` as `dsar intake import` does (`assess` when `classify`, else the parser
        /// alone: classification costs ten parses in a debug build and is not what can lose a message).
        mutating func take(_ bytes: [UInt8], classify: Bool, classifier: RightClassifier) {
            if classify {
                let assessment = IntakeAssessment.assess(bytes, classifier: classifier)
                if assessment.status == .quarantined {
                    // Unparseable, or parsed but without any sender address.
                    #expect(!(assessment.reason ?? "").isEmpty && (assessment.message == nil || assessment.message?.requester == nil))
                    quarantined[assessment.error?.code.rawValue ?? "no_sender", default: 0] += 1
                } else {
                    #expect(assessment.message != nil && assessment.classification != nil)
                    parsed += 1
                }
                return
            }
            do {
                _ = try MIMEParser.parse(bytes)
                parsed += 1
            } catch {
                #expect(error.quarantineReason.hasPrefix(error.code.rawValue + ": "))
                quarantined[error.code.rawValue, default: 0] += 1
            }
        }

        var description: String {
            "\(parsed) parsed, \(quarantinedTotal) quarantined ("
                + quarantined.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
    }

    @Test(arguments: 0..<shards)
    func mutatedMessagesAreParsedOrQuarantined(shard: Int) throws {
        let started = Date()
        let seeds = try Self.seedMessages()
        #expect(seeds.count >= 90)
        let count = Self.messageCount / Self.shards
        var engine = MutationEngine(seed: 20_547 + UInt64(shard), donors: seeds)
        let classifier = RightClassifier()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailintake-mutation-\(getpid())-\(shard).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }

        var tally = Tally()
        var read = 0
        var totalBytes = 0
        var kindsSeen: [MutationEngine.Kind: Int] = [:]
        var slowest = (seconds: 0.0, round: -1)
        var round = 0
        while round < count {
            var batch: [[UInt8]] = []
            for _ in 0..<min(Self.messagesPerMailbox, count - round) {
                let (mutated, kinds) = engine.mutate(seeds[(round + shard) % seeds.count])
                for kind in kinds { kindsSeen[kind, default: 0] += 1 }
                batch.append(mutated)
                round += 1
            }
            let mbox = Self.mailbox(batch)
            totalBytes += mbox.count
            #expect(FileManager.default.createFile(atPath: path, contents: Data(mbox)))
            var index = 0
            for item in MessageSequence(try MboxReader(path: path)) {
                guard case .message(let raw) = item, index < batch.count else {
                    Issue.record("shard \(shard), mailbox ending at round \(round): unexpected item \(index + 1): \(item.source)")
                    break
                }
                // Read back byte for byte (the mailbox adds a final line break where one was missing).
                let expected = batch[index].last == 0x0A ? batch[index] : batch[index] + [0x0A]
                if raw.bytes != expected {
                    Issue.record("shard \(shard), round \(round - batch.count + index): the mbox reader changed the message")
                }
                let start = Date()
                tally.take(raw.bytes, classify: index == 0 && round % 50 == 0, classifier: classifier)
                let seconds = Date().timeIntervalSince(start)
                if seconds > slowest.seconds { slowest = (seconds, round - batch.count + index) }
                index += 1
            }
            #expect(index == batch.count, "shard \(shard), mailbox ending at round \(round): \(index) of \(batch.count) messages read")
            read += index
        }
        let elapsed = Date().timeIntervalSince(started)
        print("MailIntake mutation shard \(shard + 1)/\(Self.shards): \(count) mutated messages in \(count / Self.messagesPerMailbox) mailboxes, "
              + "\(read) read back (\(totalBytes / 1024) KiB), \(tally); slowest parse \(String(format: "%.3f", slowest.seconds)) s (round \(slowest.round)); "
              + "\(String(format: "%.1f", elapsed)) s")
        #expect(read == count)
        #expect(tally.parsed + tally.quarantinedTotal == count)
        #expect(Set(kindsSeen.keys) == Set(MutationEngine.Kind.allCases))
        #expect(tally.parsed > count / 2)
    }

    /// Whole mailboxes mutated (separators damaged, duplicated, CRLF, truncated…): the reader yields
    /// exactly one item per separator line, and each item is parsed or quarantined.
    @Test func mutatedMailboxesYieldOneMessagePerSeparator() throws {
        let seeds = try Self.seedMessages()
        let mailboxes = ["fixtures.mbox", "fixtures-crlf.mbox"].map(FixtureSupport.bytes) + [Self.mailbox(Array(seeds.prefix(40)))]
        var engine = MutationEngine(seed: 9, donors: mailboxes + seeds)
        engine.hugeLineBytes = 8 * 1024
        engine.veryHugeEvery = 50
        let classifier = RightClassifier()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailintake-mutated-box-\(getpid()).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var tally = Tally()
        var items = 0
        var tooLarge = 0
        for round in 0..<300 {
            let (bytes, _) = engine.mutate(mailboxes[round % mailboxes.count])
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            // Every fourth round with a small size limit so oversized messages are skipped, not lost.
            let limits = round % 4 == 3 ? IntakeLimits(maxMessageBytes: 2048) : .standard
            var count = 0
            for item in MessageSequence(try MboxReader(path: path, limits: limits)) {
                count += 1
                switch item {
                case .message(let raw):
                    #expect(raw.ordinal == count)
                    tally.take(raw.bytes, classify: count % 3 == 0, classifier: classifier)
                case .tooLarge(_, let ordinal, _, let size):
                    #expect(ordinal == count && size > 2048)
                    #expect(IntakeAssessment.assess(item).status == .quarantined)
                    tooLarge += 1
                case .unreadable:
                    Issue.record("round \(round): an mbox message came back unreadable")
                }
            }
            #expect(count == Self.separatorCount(bytes), "round \(round): \(count) messages for \(Self.separatorCount(bytes)) separators")
            items += count
        }
        print("MailIntake mutation: 300 mutated mailboxes, \(items) items: \(tally), \(tooLarge) too large")
        #expect(tally.parsed + tally.quarantinedTotal + tooLarge == items)
    }

    /// Long texts stay linear: `String.UnicodeScalarView.append(contentsOf:)` copies the whole view
    /// on every call, which made `MojibakeRepair` and `EncodedWordDecoder` quadratic (a 1 MB body
    /// of short mojibake runs took 36 s in a release build, a 50 MB one would never finish). Found by
    /// scaling the fuzz inputs past libFuzzer's 64 KiB; the 60 KB versions are in `Fixtures/fuzz/`.
    @Test func longTextsAreRepairedAndDecodedInLinearTime() {
        let started = Self.threadCPUSeconds()
        let mojibake = String(repeating: "Ã a ", count: 375_000)
        #expect(MojibakeRepair.repair(mojibake).unicodeScalars.count == mojibake.unicodeScalars.count)
        let words = String(repeating: "=?utf-8?B?0JA=?= x ", count: 75_000)
        #expect(EncodedWordDecoder.decode(words).text == String(repeating: "А x ", count: 75_000))
        let elapsed = Self.threadCPUSeconds() - started
        print("MailIntake mutation: 1.5 MB of mojibake runs and 1.4 MB of encoded words in \(String(format: "%.1f", elapsed)) s of CPU")
        // Quadratic takes about 40 s of CPU here; linear about 2 s in a debug build.
        #expect(elapsed < 10)
    }

    /// CPU time of the calling thread: unlike the wall clock, it does not grow when other
    /// processes crowd the machine (a synchronous test runs on one thread throughout).
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Inputs the fuzzer found, kept as fixtures: each goes through the same checks as the fuzz target.
    @Test func fuzzFindingsStayFixed() throws {
        let directory = try #require(FixtureSupport.directory).appendingPathComponent("fuzz")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        let classifier = RightClassifier()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailintake-fuzz-\(getpid()).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for name in names {
            let bytes = FixtureSupport.bytes("fuzz/" + name)
            var tally = Tally()
            tally.take(bytes, classify: true, classifier: classifier)
            #expect(tally.parsed + tally.quarantinedTotal == 1, "\(name)")
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            var count = 0
            for item in MessageSequence(try MboxReader(path: path)) {
                count += 1
                if case .message(let raw) = item { tally.take(raw.bytes, classify: false, classifier: classifier) }
            }
            #expect(count == Self.separatorCount(bytes), "\(name): \(count) messages for \(Self.separatorCount(bytes)) separators")
        }
    }
}
