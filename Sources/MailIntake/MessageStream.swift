/// A pull-based stream of messages from one mail source (mbox, Maildir, .eml, stdin).
///
/// Readers hold a file handle and read in chunks, so memory stays flat whatever the
/// mailbox size. Call `next()` until it returns nil.
public protocol MessageStream: AnyObject {
    /// The next message or skipped item, or nil at the end of the source.
    func next() -> MailItem?
}

/// Lets `for item in stream` be written over any message stream.
public struct MessageStreamIterator: IteratorProtocol {
    let stream: any MessageStream
    /// The next item of the underlying stream.
    public mutating func next() -> MailItem? { stream.next() }
}

/// A sequence adapter over a message stream.
public struct MessageSequence: Sequence {
    let stream: any MessageStream
    /// Wraps a stream.
    public init(_ stream: any MessageStream) { self.stream = stream }
    /// An iterator reading the stream.
    public func makeIterator() -> MessageStreamIterator { MessageStreamIterator(stream: stream) }
}
