public import DeskCore
public import MailTransport

/// Why the portal cannot start, with the values it is about; `dsar-portal` words it
/// (`DeskFailure+Portal.swift`) and exits 2 for a bad `--listen`, 1 for the rest.
public enum PortalError: Error, Sendable, Hashable {
    /// The words of a language (`Templates/portal/strings/<language>.strings`) cannot be read.
    case wordsMissing(path: String)
    /// The words of `language` lack `first` and `more` other keys that English has.
    case wordsIncomplete(language: Language, first: String, more: Int)
    /// A page template cannot be read.
    case templateUnreadable(path: String)
    /// A template is not valid Mustache; `detail` is the Mustache library's account.
    case templateInvalid(detail: String)
    /// `Templates/portal/portal.css` cannot be read.
    case styleSheetUnreadable
    /// `--listen` is not HOST:PORT.
    case listenAddressInvalid
    /// `mail.smtp_url` is not a usable SMTP URL.
    case smtpURLInvalid(MailAccountError)
}
