/// Reads `<id@host>` lists of Message-ID, In-Reply-To and References headers.
enum MessageIDList {
    /// The IDs in order without brackets; a value without brackets counts as one ID.
    static func parse(_ value: String?) -> [String] {
        guard let value, !value.trimmingSpaces.isEmpty else { return [] }
        var ids: [String] = []
        var current: String?
        for character in value {
            if character == "<" { current = "" ; continue }
            if character == ">" {
                if let id = current?.trimmingSpaces, !id.isEmpty { ids.append(id) }
                current = nil
                continue
            }
            if current != nil { current?.append(character) }
        }
        if ids.isEmpty {
            let bare = value.trimmingSpaces
            if !bare.contains(" ") { ids.append(bare) }
        }
        return ids
    }
}
