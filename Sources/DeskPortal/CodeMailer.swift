public import DeskCore
public import Foundation
public import Letters
public import Logging
public import MailTransport

/// Sends the one-time codes. They are not letters of a request (there is no request yet, or
/// the look-up must not reveal one), so they go straight out over SMTP instead of through the
/// desk's outbox; a code that cannot be sent is simply asked for again.
public protocol CodeMailer: Sendable {
    /// Sends `message` to `recipient`; the caller does not wait for it.
    func send(_ message: ComposedEmail, from sender: String, to recipient: String)
}

/// The SMTP sender: `mail.smtp_url` of the desk's settings, the password from the environment
/// or a file. The log says only that a code could not be sent, with the SMTP status code.
public final class SMTPCodeMailer: CodeMailer, @unchecked Sendable {
    let account: MailAccount
    let options: MailConnectionOptions
    let heloDomain: String?
    let logger: Logger
    private let queue = DispatchQueue(label: "dsar.portal.smtp")

    public init(url: String, options: MailConnectionOptions, heloDomain: String?, logger: Logger) throws {
        do {
            account = try MailAccount(parsing: url)
        } catch {
            throw PortalError.smtpURLInvalid(error)
        }
        self.options = options
        self.heloDomain = heloDomain
        self.logger = logger
    }

    public func send(_ message: ComposedEmail, from sender: String, to recipient: String) {
        let bytes = Array(message.eml.utf8)
        queue.async { [account, options, heloDomain, logger] in
            do throws(MailTransportError) {
                let client = try SMTPClient(account: account, options: options, heloDomain: heloDomain)
                _ = try client.send(bytes, from: sender, to: [recipient])
            } catch {
                logger.error("a one-time code could not be sent over SMTP (\(error.kind), reply code \(error.replyCode ?? 0))")
            }
        }
    }
}

/// The mails of the portal, in the requester's language.
public enum CodeMail {
    public static func compose(code: String, purpose: Purpose, language: Language, text: PortalText, sender: String, recipient: String, domain: String, now: Date) -> ComposedEmail {
        let strings = text.strings(language)
        let subject = strings["mail.\(purpose.rawValue).subject"] ?? "Code"
        let body = (strings["mail.\(purpose.rawValue).body"] ?? "{code}").replacingOccurrences(of: "{code}", with: code)
            .replacingOccurrences(of: "\\n", with: "\n")
        return EmailComposer(domain: domain).composeNotice(
            subject: subject, text: body + "\n", from: EmailAddress(address: sender), to: EmailAddress(address: recipient),
            language: language, date: now)
    }

    public enum Purpose: String, Sendable { case submission, lookup }
}
