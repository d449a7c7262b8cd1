public import DeskCore

/// A letter rendered and signed for a request a batch creates, with its id, verification code
/// and Message-ID already chosen: what `IntakeBatchWriter` records with COPY and audits as
/// `letter_produced`, exactly as `LetterStore.record` would one letter at a time.
public struct PreparedLetter: Sendable {
    public let id: Int64
    public let letter: NewLetter
    public let verificationCode: String
    public let messageID: String?
    /// `letter.sha256`, computed once.
    public let sha256: String

    public init(id: Int64, letter: NewLetter, verificationCode: String, messageID: String?, sha256: String? = nil) {
        self.id = id
        self.letter = letter
        self.verificationCode = verificationCode
        self.messageID = messageID
        self.sha256 = sha256 ?? letter.sha256
    }

    /// Its `letter_produced` event (never the body), for a request in `state`.
    public func event(state: RequestState) -> AuditEvent {
        .letterProduced(letterID: id, kind: letter.kind, language: letter.language, format: letter.format, state: state)
    }
}
