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
        let asciiName = lower.utf8.allSatisfy { $0 < 0x80 }
        return first { field in
            // Header names are ASCII: compare bytes with ASCII case folding, which is what
            // `lowercased()` does to ASCII; anything else is compared as before.
            if asciiName, field.name.utf8.allSatisfy({ $0 < 0x80 }) {
                return field.name.utf8.count == lower.utf8.count && zip(field.name.utf8, lower.utf8).allSatisfy { a, b in
                    (a >= 0x41 && a <= 0x5A ? a + 0x20 : a) == b
                }
            }
            return field.name.lowercased() == lower
        }?.value.trimmingSpaces
    }
}
