import DeskCore
import Foundation
import Testing
@testable import MailIntake

/// `IntakeRecord.jsonLine` writes what `JSONEncoder` ([.sortedKeys, .withoutEscapingSlashes]) writes.
@Suite struct JSONLineTests {
    static func encoded(_ record: IntakeRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(record)) + [0x0A]
    }

    static let base = IntakeRecord(source: "in.mbox#1", assessment: IntakeAssessment.assess(Array("From: a@b.c\n\nHello".utf8)))

    static func record(_ text: String, confidence: Double?, suggested: [RightScore]?) throws -> IntakeRecord {
        var record = base
        record.subject = text
        record.fromName = text.isEmpty ? nil : "\"\(text)\""
        record.reason = text.isEmpty ? nil : text + "/\\"
        record.kinds = text.isEmpty ? [] : ["access", text]
        record.confidence = confidence
        record.suggested = suggested
        return record
    }

    @Test func everyControlCharacterAndScriptIsWrittenAsTheEncoderWritesIt() throws {
        var texts = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["", "Запрос / so‘rov", "e\u{301}", "😀 日本", "\u{2028}\u{2029}\u{FEFF}\u{FFFD}", "a\"b\\c/d", "\r\n\t"]
        for text in texts {
            let record = try Self.record(text, confidence: nil, suggested: nil)
            #expect(record.jsonLine == (try Self.encoded(record)), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func numbersOfEveryMagnitudeAreWrittenAsTheEncoderWritesThem() throws {
        var numbers: [Double] = [0, 1, -1, 0.5, 0.1, 1.0 / 3, 2.0 / 3, 0.9447700582564194, 1e-5, 1.5e-7, 1e-300,
                                 123_456_789, 1e16, 1e17, 0.000_1, .leastNonzeroMagnitude, 0.999_999_999_999_9]
        var state: UInt64 = 0x2026_0547
        for _ in 0..<300 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            numbers.append(unit)
            numbers.append(unit * pow(10, -Double(state % 12)))
        }
        for number in numbers {
            let suggested = [RightScore(right: .erasure, probability: number), RightScore(right: .access, probability: 1 - number)]
            let record = try Self.record("x", confidence: number, suggested: suggested)
            #expect(record.jsonLine == (try Self.encoded(record)), "\(number)")
        }
        let empty = try Self.record("x", confidence: 0, suggested: [])
        #expect(empty.jsonLine == (try Self.encoded(empty)))
    }
}
