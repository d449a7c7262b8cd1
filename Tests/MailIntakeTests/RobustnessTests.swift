import Foundation
import Testing
@testable import MailIntake

/// Thousands of deterministic mutations of the fixtures: the parser must never crash or hang,
/// and every input either parses or throws a `MailIntakeError` (the quarantine reason).
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutate(_ bytes: [UInt8], using random: inout SplitMix) -> [UInt8] {
        guard !bytes.isEmpty else { return [UInt8(truncatingIfNeeded: random.next())] }
        var mutated = bytes
        switch random.next() % 7 {
        case 0: mutated = Array(mutated.prefix(Int(random.next() % UInt64(mutated.count))))
        case 1:
            for _ in 0..<(1 + random.next() % 16) {
                mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next())
            }
        case 2:
            // Delete every boundary-looking line.
            let text = String(decoding: mutated, as: UTF8.self)
            mutated = Array(text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("--") }.joined(separator: "\n").utf8)
        case 3:
            let start = Int(random.next() % UInt64(mutated.count))
            let length = Int(random.next() % 200)
            mutated.removeSubrange(start..<min(mutated.count, start + length))
        case 4:
            let start = Int(random.next() % UInt64(mutated.count))
            let chunk = mutated[start..<min(mutated.count, start + 300)]
            mutated.insert(contentsOf: Array(chunk) + Array(chunk), at: start)
        case 5:
            let position = Int(random.next() % UInt64(mutated.count))
            let junk: [[UInt8]] = [Array("=?utf-8?B?".utf8), Array("\n--".utf8), Array("=\n".utf8), [0, 0xFF, 0xFE],
                                   Array("Content-Type: multipart/mixed; boundary=x\n".utf8), Array("<script>".utf8),
                                   Array("&#x110000;&#0;".utf8), Array("(((((((".utf8)]
            mutated.insert(contentsOf: junk[Int(random.next() % UInt64(junk.count))], at: position)
        default:
            mutated = mutated.map { $0 == 0x0A && random.next() % 3 == 0 ? 0x0D : $0 }
        }
        return mutated
    }

    @Test func mutatedFixturesNeverCrash() throws {
        let names = try FixtureSupport.expectations().map(\.0)
        let originals = names.map(FixtureSupport.bytes)
        var random = SplitMix(state: 547)
        let classifier = RightClassifier()
        var parsed = 0
        var quarantined = 0
        let rounds = 3000
        for round in 0..<rounds {
            var bytes = originals[round % originals.count]
            for _ in 0..<(1 + Int(random.next() % 3)) { bytes = Self.mutate(bytes, using: &random) }
            do {
                let message = try MIMEParser.parse(bytes)
                _ = classifier.classify(message)
                _ = ReferenceScanner.references(in: message.textBody)
                parsed += 1
            } catch {
                #expect(error.quarantineReason.hasPrefix(error.code.rawValue + ": "))
                quarantined += 1
            }
        }
        print("MailIntake robustness: \(rounds) mutated messages, \(parsed) parsed, \(quarantined) quarantined")
        #expect(parsed + quarantined == rounds)
    }

    @Test func mutatedMailboxesNeverCrashTheReader() throws {
        let original = FixtureSupport.bytes("fixtures.mbox")
        var random = SplitMix(state: 2019)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailintake-mutated-\(getpid()).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for _ in 0..<200 {
            let bytes = Self.mutate(Self.mutate(original, using: &random), using: &random)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            var total = 0
            for item in MessageSequence(try MboxReader(path: path, limits: IntakeLimits(maxMessageBytes: 4096))) {
                total += 1
                if case .message(let raw) = item {
                    #expect(raw.bytes.count <= 4096)
                    _ = IntakeAssessment.assess(raw.bytes)
                }
            }
            #expect(total <= bytes.count)
        }
    }

    @Test func pathologicalInputsStayBounded() throws {
        let deepComment = "From: " + String(repeating: "(", count: 100_000) + "a@b.uz\n\nx"
        _ = try? MIMEParser.parse(Array(deepComment.utf8))
        let manyParts = "From: a@b.uz\nContent-Type: multipart/mixed; boundary=b\n\n" + String(repeating: "--b\n\nx\n", count: 5000)
        let message = try MIMEParser.parse(Array(manyParts.utf8))
        #expect(message.warnings.contains { $0.contains("MIME parts") })
        let longLine = "From: a@b.uz\nSubject: " + String(repeating: "=?utf-8?B?QQ==?=", count: 20_000) + "\n\nx"
        #expect(try MIMEParser.parse(Array(longLine.utf8)).subject.count == 20_000)
        _ = HTMLText.text(from: String(repeating: "<", count: 50_000))
        _ = MailDateParser.parse(String(repeating: "1:", count: 10_000))
        _ = AddressParser.parse(String(repeating: "\"", count: 10_001) + String(repeating: ",", count: 1000))
    }
}
