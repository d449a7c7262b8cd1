public import DeskCore
import Foundation

/// The request form as typed, checked on the server: every field has a limit, and each problem
/// is named by the field it belongs to (the page shows it next to that field).
public struct RequestForm: Sendable {
    public static let nameLimit = 200
    public static let emailLimit = 254
    public static let phoneLimit = 40
    public static let detailsLimit = 4000

    /// A problem with one field; `message` is a key of the portal's strings.
    public struct Problem: Sendable, Hashable {
        public let field: String
        public let message: String
    }

    public var kind: Right?
    public var name: String
    public var email: String
    public var phone: String?
    public var details: String?

    /// Reads and checks the form's fields; `problems` is empty when the form can be submitted.
    public static func parse(_ body: FormBody) -> (form: RequestForm, problems: [Problem]) {
        var problems: [Problem] = []
        let kind = body["kind"].flatMap(Right.init(rawValue:))
        if kind == nil { problems.append(Problem(field: "kind", message: "error.kind")) }
        let name = clean(body["name"])
        if name.isEmpty {
            problems.append(Problem(field: "name", message: "error.name_missing"))
        } else if name.count > nameLimit {
            problems.append(Problem(field: "name", message: "error.name_long"))
        }
        let email = clean(body["email"])
        if !isEmail(email) { problems.append(Problem(field: "email", message: "error.email")) }
        let phone = clean(body["phone"])
        if !phone.isEmpty, phone.count > phoneLimit || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-()".contains($0)) })
            || phone.filter(\.isNumber).count < 5
        {
            problems.append(Problem(field: "phone", message: "error.phone"))
        }
        let details = freeText(body["details"])
        if details.count > detailsLimit {
            problems.append(Problem(field: "details", message: "error.details_long"))
        } else if hasControlCharacters(details) {
            problems.append(Problem(field: "details", message: "error.control"))
        } else if details.isEmpty, kind == .rectification {
            problems.append(Problem(field: "details", message: "error.details_rectification"))
        } else if details.isEmpty, kind == .portability {
            problems.append(Problem(field: "details", message: "error.details_portability"))
        }
        let form = RequestForm(kind: kind, name: name, email: email, phone: phone.isEmpty ? nil : phone, details: details.isEmpty ? nil : details)
        return (form, problems)
    }

    /// Free text as typed in a text box: `\n` line ends, trimmed.
    public static func freeText(_ value: String?) -> String {
        (value ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Control characters other than line feed and tab, which the desk does not store.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }
    }

    /// One line, trimmed, without control characters.
    static func clean(_ value: String?) -> String {
        String((value ?? "").unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
    }

    /// A plain address `local@domain.tld` of at most 254 characters, as a mail server accepts it.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= emailLimit, text.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"<>,;\"()[]\\".contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { !$0.isEmpty && $0.count <= 63 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }
}
