/// The limits every reader and the parser respect, so no input can exhaust memory or time.
public struct IntakeLimits: Sendable, Hashable {
    /// Largest message loaded into memory (bytes); larger ones come back as `.tooLarge`.
    public var maxMessageBytes: Int
    /// Deepest multipart / message/rfc822 nesting the parser descends into.
    public var maxDepth: Int
    /// Most MIME parts parsed in one message.
    public var maxParts: Int

    /// Creates limits.
    public init(maxMessageBytes: Int = 50 * 1024 * 1024, maxDepth: Int = 16, maxParts: Int = 500) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxParts = maxParts
    }

    /// The defaults: 50 MB, depth 16, 500 parts.
    public static let standard = IntakeLimits()
}
