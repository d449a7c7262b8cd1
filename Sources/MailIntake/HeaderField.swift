/// One header field as it appears in the message, unfolded but not decoded.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written (compare case-insensitively).
    public let name: String
    /// The unfolded raw value (encoded words still encoded).
    public let value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The first value of the field `name` (case-insensitive), unfolded and trimmed.
    public func value(of name: String) -> String? {
        let lower = name.lowercased()
        return first { $0.name.lowercased() == lower }?.value.trimmingSpaces
    }
}
