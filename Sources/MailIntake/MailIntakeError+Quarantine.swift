extension MailIntakeError {
    /// The reason kept with a quarantined message (`messages.reason`, shown by `dsar inbox`):
    /// the code and what was wrong with the message. This is data the desk stores, in the words
    /// it has always stored, not an error a program prints; a reason about a source or a corpus
    /// never quarantines a message and keeps its code alone.
    public var quarantineReason: String {
        let what: String
        switch reason {
        case .empty: what = "The message is empty."
        case .tooLarge(let size?, let limit): what = "The message is \(size) bytes, over the \(limit)-byte limit."
        case .tooLarge(nil, let limit): what = "The message is larger than the \(limit)-byte limit."
        case .missingHeaders: what = "The message does not start with RFC 5322 header fields."
        case .headerNUL: what = "The header section contains NUL bytes."
        case .headerBinary: what = "The header section contains binary data."
        case .messageFileUnreadable: what = "The message file cannot be read."
        case .emlReadFailed: what = "Reading the message failed."
        case .pathMissing, .notMailFolder, .fileUnopenable, .mboxUnopenable, .mboxUnpositionable, .emlUnopenable, .corpusUnreadable,
            .corpusFileUnreadable, .corpusWithoutLabels, .corpusEmpty, .labelledTwice, .labelLine:
            return code.rawValue
        }
        return "\(code.rawValue): \(what)"
    }
}
