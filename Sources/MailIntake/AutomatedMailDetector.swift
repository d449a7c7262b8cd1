/// Recognises mail no person wrote to us: newsletters, auto-replies, delivery failures.
///
/// Such mail never yields rights; it still becomes a triage item so nothing is dropped.
public enum AutomatedMailDetector {
    /// Subject prefixes of auto-replies and bounces, lower case.
    static let subjectPrefixes = [
        "automatic reply", "auto:", "autoreply", "auto-reply", "out of office", "out of the office",
        "undelivered mail", "undeliverable", "delivery status notification", "mail delivery failed",
        "returned mail", "delivery failure", "failure notice", "автоматический ответ", "автоответ",
        "недоставленное сообщение", "не доставлено", "avtomatik javob", "автоматик жавоб",
    ]
    /// Sender local parts of system mail, lower case.
    static let systemSenders = ["mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply",
                                "newsletter", "news", "bounce", "notifications"]

    /// The reason given for a `multipart/report` (a delivery status notification).
    public static let deliveryReportReason = "delivery report"

    /// The reason `message` looks automated, or nil when a person seems to have written it.
    public static func reason(for message: ParsedMessage) -> String? {
        let headers = message.headers
        // Most specific first: a delivery report also says Auto-Submitted.
        if message.contentType == "multipart/report" { return deliveryReportReason }
        if let auto = headers.value(of: "Auto-Submitted")?.lowercased(), !auto.hasPrefix("no") {
            return "Auto-Submitted: \(auto)"
        }
        if let precedence = headers.value(of: "Precedence")?.lowercased(),
           ["bulk", "list", "junk", "auto_reply"].contains(precedence) {
            return "Precedence: \(precedence)"
        }
        if headers.value(of: "List-Unsubscribe") != nil { return "List-Unsubscribe header" }
        if headers.value(of: "List-Id") != nil { return "List-Id header" }
        if headers.value(of: "X-Autoreply") != nil || headers.value(of: "X-Autorespond") != nil { return "auto-reply header" }
        let subject = message.subject.lowercased()
        if let prefix = subjectPrefixes.first(where: { subject.hasPrefix($0) }) { return "subject: \(prefix)" }
        if let email = message.from?.email.lowercased(), let at = email.firstIndex(of: "@") {
            let local = String(email[..<at])
            if systemSenders.contains(local) { return "system sender \(local)" }
        }
        return nil
    }
}
