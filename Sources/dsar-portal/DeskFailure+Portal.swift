import DeskCore
import DeskPortal
import DeskProgram

/// The portal's failures to start, worded here: DeskProgram cannot see DeskPortal (`dsar` would
/// link Hummingbird). Exit 2 for a bad `--listen`, 1 for a broken installation.
extension DeskFailure {
    init(portal error: PortalError) {
        self.init(message: Self.sentence(error), exitCode: error == .listenAddressInvalid ? Self.badInput : Self.unexpected)
    }

    static func sentence(_ error: PortalError) -> String {
        switch error {
        case .wordsMissing(let path): return "The portal's words are missing: \(path) cannot be read."
        case .wordsIncomplete(let language, let first, let more):
            return "The portal's \(language.rawValue) words lack \(first) (and \(more) more); add them to Templates/portal/strings."
        case .templateUnreadable(let path): return "The portal's template \(path) cannot be read."
        case .templateInvalid(let detail): return "A template of Templates/portal is not valid Mustache: \(detail)."
        case .styleSheetUnreadable: return "The portal's style sheet Templates/portal/portal.css cannot be read."
        case .listenAddressInvalid: return "--listen takes HOST:PORT, such as 127.0.0.1:8080."
        case .smtpURLInvalid(let account):
            return "mail.smtp_url is not an SMTP URL such as smtp://user@mail.example.uz:587; \(DeskFailure.sentence(account))"
        }
    }
}
