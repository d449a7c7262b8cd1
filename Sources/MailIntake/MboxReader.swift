import Foundation

/// Reads an mbox file (mboxo / mboxrd) message by message, in chunks, LF or CRLF.
///
/// A message starts at a `From ` line at the start of the file or after a blank line.
/// Inside a message `>From `, `>>From ` … lose one `>` (mboxrd unescaping).
public final class MboxReader: MessageStream {
    private let handle: FileHandle
    private let path: String
    private let limits: IntakeLimits
    private let skipping: Int

    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var fileOffset: UInt64 = 0
    private var endOfFile = false
    private var atLineStart = true
    private var previousLineBlank = true

    private var ordinal = 0
    private var current: [UInt8] = []
    private var currentOffset: UInt64 = 0
    private var currentSize: UInt64 = 0
    private var inMessage = false
    private var finished = false

    /// Longest piece of a line handled at once; a longer line is handled in pieces.
    private static let maxSegment = 1 << 20

    /// Opens an mbox file; `skipping` messages at the start are read past without being yielded.
    public init(path: String, limits: IntakeLimits = .standard, skipping: Int = 0) throws(MailIntakeError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MailIntakeError(.mboxUnopenable)
        }
        self.handle = handle
        self.path = path
        self.limits = limits
        self.skipping = max(0, skipping)
    }

    /// Opens an mbox file at the `From ` line at byte `offset` (a `RawMessage.offset` recorded
    /// earlier), numbering that message `ordinal`: resumes a long import without re-reading.
    public convenience init(path: String, limits: IntakeLimits = .standard,
                            resumingAt offset: UInt64, ordinal: Int) throws(MailIntakeError) {
        try self.init(path: path, limits: limits)
        do {
            try handle.seek(toOffset: offset)
        } catch {
            throw MailIntakeError(.mboxUnpositionable)
        }
        fileOffset = offset
        self.ordinal = max(0, ordinal - 1)
    }

    deinit { try? handle.close() }

    /// The next message of the mailbox, or nil at its end.
    public func next() -> MailItem? {
        while !finished {
            guard let (line, offset, complete) = nextSegment() else {
                finished = true
                if let item = finishCurrent() { return item }
                return nil
            }
            let startsLine = atLineStart
            atLineStart = complete
            if startsLine && previousLineBlank && Self.isSeparator(line) {
                let item = finishCurrent()
                inMessage = true
                current = []
                currentSize = 0
                currentOffset = offset
                ordinal += 1
                previousLineBlank = false
                if let item { return item }
                continue
            }
            previousLineBlank = complete && startsLine && Self.isBlank(line)
            guard inMessage else { continue }
            var piece = line
            if startsLine, let unescaped = Self.unescaped(line) { piece = unescaped }
            currentSize += UInt64(piece.count)
            if ordinal <= skipping { continue }
            if currentSize > UInt64(limits.maxMessageBytes) {
                current = []
            } else {
                current.append(contentsOf: piece)
            }
        }
        return nil
    }

    private func finishCurrent() -> MailItem? {
        guard inMessage else { return nil }
        inMessage = false
        guard ordinal > skipping else { return nil }
        let source = "\(path)#\(ordinal)"
        if currentSize > UInt64(limits.maxMessageBytes) {
            return .tooLarge(source: source, ordinal: ordinal, offset: currentOffset, size: currentSize)
        }
        var bytes = current
        current = []
        // The blank line before the next `From ` belongs to the mbox format, not to the message.
        if bytes.last == 0x0A {
            let withoutLF = bytes.count - 1
            let lineStart = withoutLF > 0 && bytes[withoutLF - 1] == 0x0D ? withoutLF - 1 : withoutLF
            if lineStart > 0 && bytes[lineStart - 1] == 0x0A {
                bytes.removeSubrange(lineStart...)
            }
        }
        return .message(RawMessage(bytes: bytes, source: source, ordinal: ordinal, offset: currentOffset))
    }

    /// Next line (with its terminator) or a piece of an over-long line; `complete` says a LF ended it.
    private func nextSegment() -> ([UInt8], UInt64, Bool)? {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: 0x0A),
               newline - bufferStart < Self.maxSegment {
                return take(upTo: newline + 1, complete: true)
            }
            if buffer.count - bufferStart >= Self.maxSegment {
                return take(upTo: bufferStart + Self.maxSegment, complete: false)
            }
            if endOfFile {
                guard bufferStart < buffer.count else { return nil }
                return take(upTo: buffer.count, complete: false)
            }
            refill()
        }
    }

    private func take(upTo end: Int, complete: Bool) -> ([UInt8], UInt64, Bool) {
        let segment = Array(buffer[bufferStart..<end])
        let offset = fileOffset
        fileOffset += UInt64(segment.count)
        bufferStart = end
        return (segment, offset, complete)
    }

    private func refill() {
        if bufferStart > 0 {
            buffer.removeSubrange(0..<bufferStart)
            bufferStart = 0
        }
        guard let data = try? handle.read(upToCount: 64 * 1024), !data.isEmpty else {
            endOfFile = true
            return
        }
        buffer.append(contentsOf: data)
    }

    static func isSeparator(_ line: [UInt8]) -> Bool {
        line.count >= 5 && line[0] == 0x46 && line[1] == 0x72 && line[2] == 0x6F && line[3] == 0x6D && line[4] == 0x20
    }

    static func isBlank(_ line: [UInt8]) -> Bool {
        line == [0x0A] || line == [0x0D, 0x0A]
    }

    /// `>From ` → `From `, `>>From ` → `>From `; nil when the line is not an escaped From line.
    static func unescaped(_ line: [UInt8]) -> [UInt8]? {
        var index = 0
        while index < line.count && line[index] == 0x3E { index += 1 }
        guard index > 0, isSeparator(Array(line[index...].prefix(5))) else { return nil }
        return Array(line[1...])
    }
}
