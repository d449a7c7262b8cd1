/// What the desk knows about a message, read by the store (or nothing, when there is no desk).
public struct IntakeKnowledge: Sendable, Hashable {
    /// The desk already stored this message (same SHA-256 or Message-ID), or it came earlier in the same run.
    public var isDuplicate: Bool
    /// The reference of the request whose letter the message answers (In-Reply-To/References).
    public var threadReference: String?
    /// Which of the message's references the desk holds; nil when the desk was not consulted.
    public var heldReferences: Set<String>?

    public init(isDuplicate: Bool = false, threadReference: String? = nil, heldReferences: Set<String>?) {
        self.isDuplicate = isDuplicate
        self.threadReference = threadReference
        self.heldReferences = heldReferences
    }

    /// Nothing known: no database (the offline dry run) or the message on its own.
    public static let nothing = IntakeKnowledge(heldReferences: nil)
}
