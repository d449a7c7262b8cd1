// libFuzzer entry point for the mail intake: the MIME parser and the mbox reader.
//
// Not part of the Swift package: `scripts/fuzz.sh` compiles this file together with
// `Sources/MailIntake/*.swift` (and DeskCore as a module) using
// `swiftc -sanitize=fuzzer,address -parse-as-library`, because an executable target's `main`
// clashes with libFuzzer's under `swift build` (SPEC §9).
//
// Each input goes (a) through `IntakeAssessment.assess`, the entry `dsar intake import` uses for
// one message (parse, reference scan, classification) and into the `IntakeRecord` the importer
// writes, and (b) through `MboxReader` as a whole mailbox, every message read then parsed.
// Besides crashes, sanitizer reports and hangs, the target traps when a message is lost: the
// reader must yield exactly one item per `From ` separator line, and an input the parser
// rejects must come back with a quarantine reason.
import Foundation
import MailIntake

/// One temporary file per fuzzing process: `MboxReader` reads from a path.
private let mboxPath: String = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return directory + "/intake-fuzz-\(getpid()).mbox"
}()

private let classifier = RightClassifier()

/// `From ` lines at the start of the input or after a blank (LF or CRLF) line: the messages an
/// mbox reader must yield. Written independently of `MboxReader` so the two can disagree.
private func separatorCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    var lineStart = 0
    var previousBlank = true
    while lineStart < bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let length = lineEnd - lineStart
        let isFrom = length >= 5 && bytes[lineStart] == 0x46 && bytes[lineStart + 1] == 0x72
            && bytes[lineStart + 2] == 0x6F && bytes[lineStart + 3] == 0x6D && bytes[lineStart + 4] == 0x20
        let complete = lineEnd < bytes.count
        if isFrom && previousBlank {
            count += 1
            previousBlank = false
        } else {
            previousBlank = complete && (length == 0 || (length == 1 && bytes[lineStart] == 0x0D))
        }
        lineStart = lineEnd + 1
    }
    return count
}

private func assessOrTrap(_ bytes: [UInt8], source: String) {
    let assessment = IntakeAssessment.assess(bytes, classifier: classifier)
    if assessment.status == .quarantined && (assessment.reason ?? "").isEmpty {
        fatalError("quarantined without a reason: a message would be lost")
    }
    if assessment.status != .quarantined && assessment.message == nil {
        fatalError("assessed as \(assessment.status.rawValue) without a parsed message")
    }
    _ = IntakeRecord(source: source, assessment: assessment)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let bytes = Array(input)

    // (a) One message, as `dsar intake import message.eml` sees it.
    assessOrTrap(bytes, source: "fuzz.eml")

    // (b) The same bytes as a mailbox.
    guard FileManager.default.createFile(atPath: mboxPath, contents: Data(bytes)) else {
        fatalError("cannot write \(mboxPath)")
    }
    defer { try? FileManager.default.removeItem(atPath: mboxPath) }
    let reader: MboxReader
    do {
        reader = try MboxReader(path: mboxPath)
    } catch {
        fatalError("cannot open \(mboxPath): \(error)")
    }
    var items = 0
    while let item = reader.next() {
        items += 1
        switch item {
        case .message(let raw):
            if raw.ordinal != items { fatalError("ordinal \(raw.ordinal) for item \(items)") }
            // Parsing is enough here: classification of arbitrary bytes is covered by (a), and
            // skipping it doubles the executions per second.
            do {
                let message = try MIMEParser.parse(raw.bytes)
                _ = ReferenceScanner.references(in: message.textBody)
            } catch {
                if error.detail.isEmpty { fatalError("quarantine without a reason") }
            }
        case .tooLarge, .unreadable:
            break
        }
        if items > size + 1 { fatalError("more messages than bytes") }
    }
    let expected = separatorCount(input)
    if items != expected {
        fatalError("mbox reader yielded \(items) messages for \(expected) separator lines")
    }
    return 0
}
