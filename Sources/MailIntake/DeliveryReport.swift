import Foundation

/// A delivery status notification (RFC 3464) or an older-style bounce that names letters the
/// desk sent: the Message-IDs of the returned letters and the remote server's reason.
///
/// The desk's Message-IDs have a shape of their own (`<dsar.REFERENCE.LETTER.RANDOM@domain>`),
/// so they are found anywhere in the report — in its `message/rfc822` or `text/rfc822-headers`
/// part, or quoted in the text of a bounce that has no structure at all.
public struct DeliveryReport: Sendable, Hashable {
    /// The returned letters' Message-IDs, angle brackets included, in order of appearance.
    public let messageIDs: [String]
    /// `Diagnostic-Code`, else `Status`, else the first line that says why; at most 300 characters.
    public let reason: String

    /// The report in `bytes`, when `message` is a delivery report that names one of our letters.
    public static func find(in bytes: [UInt8], message: ParsedMessage) -> DeliveryReport? {
        guard isDeliveryReport(message) else { return nil }
        let ids = desksMessageIDs(in: bytes)
        guard !ids.isEmpty else { return nil }
        return DeliveryReport(messageIDs: ids, reason: reason(in: bytes))
    }

    /// Whether the message is a delivery report: `multipart/report`, or a bounce by subject or sender.
    public static func isDeliveryReport(_ message: ParsedMessage) -> Bool {
        if message.contentType == "multipart/report" { return true }
        let subject = message.subject.lowercased()
        let bounceSubjects = ["undelivered mail", "undeliverable", "delivery status notification", "mail delivery failed",
                              "returned mail", "delivery failure", "failure notice", "недоставленное сообщение", "не доставлено"]
        if bounceSubjects.contains(where: { subject.hasPrefix($0) }) { return true }
        guard let email = message.from?.email.lowercased(), let at = email.firstIndex(of: "@") else { return false }
        return ["mailer-daemon", "postmaster"].contains(String(email[..<at]))
    }

    /// Every `<dsar.…@…>` in the bytes, once each.
    static func desksMessageIDs(in bytes: [UInt8]) -> [String] {
        let marker = Array("<dsar.".utf8)
        var ids: [String] = []
        var index = 0
        while index + marker.count <= bytes.count {
            guard bytes[index] == marker[0], Array(bytes[index..<index + marker.count]) == marker else {
                index += 1
                continue
            }
            var end = index + marker.count
            while end < bytes.count, end - index < 256, bytes[end] != UInt8(ascii: ">"), bytes[end] > 0x20, bytes[end] < 0x7F {
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: ">") {
                let id = String(decoding: bytes[index...end], as: UTF8.self)
                if id.contains("@"), !ids.contains(id) { ids.append(id) }
                index = end + 1
            } else {
                index = end
            }
        }
        return ids
    }

    /// The remote server's reason, from the machine-readable part when there is one.
    static func reason(in bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(256 * 1024), as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        for field in ["diagnostic-code:", "status:"] {
            if let line = lines.first(where: { $0.lowercased().hasPrefix(field) }) {
                return String(line.dropFirst(field.count).trimmingCharacters(in: .whitespaces).prefix(300))
            }
        }
        return "the receiving server returned the letter"
    }
}
