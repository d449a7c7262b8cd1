/// Parses real-world RFC 5322 / MIME messages into a `ParsedMessage`.
///
/// Tolerant like a mail client (missing or unterminated boundaries, bad transfer encoding,
/// unknown charsets become warnings), bounded like a server (size, depth and part limits), and
/// it throws only when there is no message to speak of: the reason becomes the quarantine reason.
public enum MIMEParser {
    /// Parses one message.
    public static func parse(_ bytes: [UInt8], limits: IntakeLimits = .standard) throws(MailIntakeError) -> ParsedMessage {
        guard !bytes.isEmpty, bytes.contains(where: { $0 > 0x20 }) else {
            throw MailIntakeError(.empty)
        }
        guard bytes.count <= limits.maxMessageBytes else {
            throw MailIntakeError(.tooLarge(size: nil, limit: limits.maxMessageBytes))
        }
        try checkHeaderBytes(bytes)
        let (fields, body, valid) = HeaderSection.split(bytes[...])
        guard valid, !fields.isEmpty else {
            throw MailIntakeError(.missingHeaders)
        }
        var walker = PartWalker(limits: limits)
        walker.walk(fields: fields, body: body, depth: 0)
        var warnings = walker.warnings

        let decodedSubject = EncodedWordDecoder.decode(fields.value(of: "Subject") ?? "")
        for charset in decodedSubject.unknownCharsets { warnings.append("unknown charset \(charset) in Subject") }
        var unreadable = walker.unreadableCharsets
        if decodedSubject.text.unicodeScalars.contains("\u{FFFD}") {
            for charset in decodedSubject.unknownCharsets where !unreadable.contains(charset) { unreadable.append(charset) }
        }
        let subject = MojibakeRepair.repair(decodedSubject.text)
        if subject != decodedSubject.text { warnings.append("mojibake repaired in Subject") }

        var text = walker.bestText
        for forwarded in walker.forwardedTexts where !forwarded.isEmpty {
            text += (text.isEmpty ? "" : "\n\n") + forwarded
        }
        let from = AddressParser.parse(fields.value(of: "From") ?? "").first
        let sender = AddressParser.parse(fields.value(of: "Sender") ?? "").first
        let to = AddressParser.parse(fields.value(of: "To") ?? "")
        let forwardedAuthors = ForwardedAuthors.inline(in: walker.bestText, subject: subject) + walker.forwardedAuthors
        // The desk's own mailboxes: where the message was addressed and delivered (not its copies).
        let recipients = forwardedAuthors.isEmpty ? [] : to + ["Delivered-To", "X-Original-To"].flatMap { name in
            fields.filter { $0.name.lowercased() == name.lowercased() }.flatMap { AddressParser.parse($0.value) }
        }
        let dateValue = fields.value(of: "Date")
        let date = dateValue.flatMap(MailDateParser.parse)
        if dateValue != nil && date == nil { warnings.append("unreadable Date header") }

        return ParsedMessage(
            headers: fields,
            messageID: MessageIDList.parse(fields.value(of: "Message-ID")).first,
            inReplyTo: MessageIDList.parse(fields.value(of: "In-Reply-To")).first,
            references: MessageIDList.parse(fields.value(of: "References")),
            from: from,
            replyTo: AddressParser.parse(fields.value(of: "Reply-To") ?? ""),
            sender: sender,
            to: to,
            forwardedAuthors: forwardedAuthors,
            forwardedRequester: ForwardedAuthors.requester(sender: from ?? sender, recipients: recipients, authors: forwardedAuthors),
            subject: subject,
            date: date,
            textBody: text,
            attachments: walker.attachments,
            contentType: walker.topLevelType,
            warnings: warnings,
            unreadableCharsets: unreadable
        )
    }

    /// Rejects a header section that holds NUL or many control bytes (binary junk, not mail).
    static func checkHeaderBytes(_ bytes: [UInt8]) throws(MailIntakeError) {
        var controls = 0
        var checked = 0
        var previous: UInt8 = 0
        for byte in bytes.prefix(16 * 1024) {
            if byte == 0x0A && (previous == 0x0A) { break }
            if byte == 0 { throw MailIntakeError(.headerNUL) }
            if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { controls += 1 }
            if byte != 0x0D { previous = byte }
            checked += 1
        }
        if controls > 4 && controls * 50 > checked {
            throw MailIntakeError(.headerBinary)
        }
    }
}
