/// A message stream over items already in memory (a batch fetched over IMAP).
public final class MemoryMessageStream: MessageStream {
    private let items: [MailItem]
    private var index = 0

    public init(_ items: [MailItem]) { self.items = items }

    public func next() -> MailItem? {
        guard index < items.count else { return nil }
        index += 1
        return items[index - 1]
    }
}
