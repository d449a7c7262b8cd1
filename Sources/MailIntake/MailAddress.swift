/// A mailbox from an address header: the display name (decoded) and the address.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, decoded from encoded words and quotes; nil when there is none.
    public let name: String?
    /// The address as written, e.g. `dilnoza@example.uz`.
    public let email: String

    /// Creates an address.
    public init(name: String?, email: String) {
        self.name = name
        self.email = email
    }

    public var description: String {
        if let name { return "\(name) <\(email)>" }
        return email
    }
}
