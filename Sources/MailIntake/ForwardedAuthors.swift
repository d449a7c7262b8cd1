/// Who wrote the letters a message passes on, and who the requester is when a colleague
/// forwards a customer's letter to the desk.
///
/// A DPO's mailbox receives many requests second-hand: reception, the call centre or a branch
/// forwards what a customer wrote to `info@` or `support@`. The request is the customer's, and
/// so are the requester's name and address (the acknowledgement and every later letter go to
/// them), not the colleague's. A forward is read as coming from inside the organisation when the
/// sender's domain is that of a mailbox it was addressed or delivered to (To, Delivered-To,
/// X-Original-To; not Cc): `j.aliev@bank.uz` to `dpo@bank.uz`, also a subdomain of it. Then the
/// requester is the first forwarded author from outside it. A customer forwarding their own
/// earlier letter, or a lawyer passing one on, keeps the sender.
public enum ForwardedAuthors {
    /// Lines that say a forwarded letter follows, lower case, as mail clients write them (Gmail,
    /// Thunderbird, Apple Mail, Yandex and Mail.ru in Russian, Uzbek clients).
    static let forwardOpeners = [
        "---------- forwarded message", "-------- forwarded message", "begin forwarded message",
        "-------- пересылаемое сообщение", "----- пересылаемое сообщение", "---------- yuborilgan xabar",
    ]
    /// Lines that open the letter answered or forwarded (Outlook writes them for both): a
    /// forward only under a forward's subject (`FW: …`).
    static let originalOpeners = [
        "-----original message-----", "----- original message -----", "-------- исходное сообщение",
        "-----исходное сообщение-----", "----- исходное сообщение -----", "-----оригинальное сообщение-----",
        "-----asl xabar-----",
    ]

    /// Header names that give the author in a forwarded block, lower case with the colon
    /// (Mail.ru writes "От кого:").
    static let authorFields = ["from:", "от кого:", "от:", "kimdan:", "кимдан:"]

    /// The author of each forwarded block in `text`, outermost first: the `From:` line of the
    /// header block under a forward's opener line; under a forward's subject also under an
    /// original's opener or of an Outlook `From:` / `Sent:` pair (in a reply those quote a letter
    /// answered, not passed on).
    public static func inline(in text: String, subject: String) -> [MailAddress] {
        let forward = QuotedTextStripper.isForward(subject: subject)
        let lines = QuotedTextStripper.lines(text)
        var authors: [MailAddress] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard QuotedTextStripper.mayBeQuoteMarker(lines[index]) else { continue }
            let lower = unquoted(lines[index]).lowercased()
            let following = lines.dropFirst(index + 1).prefix(6).map { unquoted($0).lowercased() }
            let opensBlock = forwardOpeners.contains { lower.hasPrefix($0) }
                || (forward && originalOpeners.contains { lower.hasPrefix($0) })
            let outlookPair = forward && QuotedTextStripper.isOutlookHeader(lower, next: Array(following.prefix(3)))
            guard opensBlock || outlookPair else { continue }
            // The block's own lines: the opener's next few, or the Outlook pair from this line.
            let start = opensBlock ? index + 1 : index
            for line in lines[start..<min(lines.count, start + 6)] {
                let field = unquoted(line)
                let fieldLower = field.lowercased()
                let value: String
                if let name = authorFields.first(where: { fieldLower.hasPrefix($0) }) {
                    value = String(field.dropFirst(name.count))
                } else if field.hasSuffix(">:") && field.contains("@") {
                    // Yandex: `30.11.2026, 17:10, "Иван Петров" <ivan@example.ru>:` and no header block.
                    value = String(field.dropLast())
                } else {
                    continue
                }
                if let author = AddressParser.parse(value).last { authors.append(author) }
                break
            }
        }
        return authors
    }

    /// The customer a colleague passes on: the first of `authors` from outside the organisation,
    /// when `sender` is inside it (its domain one of `recipients`'); nil otherwise.
    public static func requester(sender: MailAddress?, recipients: [MailAddress], authors: [MailAddress]) -> MailAddress? {
        guard let sender, let senderDomain = domain(of: sender) else { return nil }
        let inside = recipients.compactMap(domain(of:))
        func isInside(_ domain: String) -> Bool {
            inside.contains { $0 == domain || domain.hasSuffix("." + $0) || $0.hasSuffix("." + domain) }
        }
        guard isInside(senderDomain) else { return nil }
        return authors.first { author in domain(of: author).map { !isInside($0) } ?? false }
    }

    /// The lower-cased domain of an address; nil without one.
    static func domain(of address: MailAddress) -> String? {
        guard let at = address.email.lastIndex(of: "@") else { return nil }
        let domain = address.email[address.email.index(after: at)...].lowercased()
        return domain.isEmpty ? nil : domain
    }

    /// A line without its `>` quote marks and surrounding spaces.
    static func unquoted(_ line: String) -> String {
        String(line.trimmingSpaces.drop { $0 == ">" || $0 == " " }).trimmingSpaces
    }
}
