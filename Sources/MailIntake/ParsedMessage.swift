public import Foundation

/// A message after MIME parsing: the headers that matter to the desk, the best text body,
/// the attachments and what the parser had to work around.
public struct ParsedMessage: Sendable {
    /// Every header field of the top-level message in order, unfolded.
    public let headers: [HeaderField]
    /// Message-ID without angle brackets.
    public let messageID: String?
    /// In-Reply-To message IDs' first entry, without angle brackets.
    public let inReplyTo: String?
    /// References message IDs in order, without angle brackets.
    public let references: [String]
    /// The first From mailbox.
    public let from: MailAddress?
    /// Reply-To mailboxes (the requester may answer from a different address).
    public let replyTo: [MailAddress]
    /// The Sender mailbox (who sent it on the author's behalf).
    public let sender: MailAddress?
    /// To mailboxes.
    public let to: [MailAddress]
    /// The authors of the letters the message forwards, outermost first (`ForwardedAuthors`).
    public let forwardedAuthors: [MailAddress]
    /// The customer whose letter a colleague forwarded from inside the organisation
    /// (`ForwardedAuthors.requester`); nil for any other message.
    public let forwardedRequester: MailAddress?
    /// Subject, decoded (encoded words, mojibake repaired); empty when absent.
    public let subject: String
    /// Date header as an instant; nil when missing or unreadable.
    public let date: Date?
    /// The best text: text/plain preferred, else HTML converted to text; forwarded messages appended.
    public let textBody: String
    /// Attachments found at any depth.
    public let attachments: [MailAttachment]
    /// Top-level Content-Type, lower case (e.g. `multipart/report`).
    public let contentType: String
    /// What the parser worked around: unknown charsets, unterminated boundaries, repaired mojibake….
    public let warnings: [String]
    /// Charsets nobody knows, in subject or text, whose bytes were not UTF-8 either: that text was
    /// read as UTF-8 with U+FFFD and cannot be trusted.
    public let unreadableCharsets: [String]

    /// Every message ID this message answers (In-Reply-To first, then References, newest first),
    /// without duplicates: look these up among the letters the desk sent to thread a reply.
    public var threadMessageIDs: [String] {
        var ids: [String] = []
        for id in [inReplyTo].compactMap({ $0 }) + references.reversed() where !ids.contains(id) {
            ids.append(id)
        }
        return ids
    }

    /// Requester address: the customer of a letter a colleague forwarded from inside the
    /// organisation, else Reply-To when given, else From, else Sender; nil when the message has
    /// no address at all.
    public var requester: MailAddress? { forwardedRequester ?? replyTo.first ?? from ?? sender }
}
