/// Small string helpers the parser uses instead of Foundation's, so behaviour is the same everywhere.

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (no Foundation needed).
    ///
    /// Byte by byte when the bytes kept next to the spaces cut are ASCII: a space next to ASCII is a
    /// character of its own, so the bytes give what the characters give. Otherwise (a space
    /// that a combining mark or a prepended scalar joins to its neighbour) character by character.
    var trimmingSpaces: String {
        func isSpaceByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        let bounds: (Int, Int)?? = utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            var first = 0
            var end = bytes.count
            while first < end && isSpaceByte(bytes[first]) { first += 1 }
            while end > first && isSpaceByte(bytes[end - 1]) { end -= 1 }
            return (first, end)
        }
        guard let bounds else { return characterTrimmingSpaces }
        guard let (first, end) = bounds, first < end else { return "" }
        if first == 0 && end == utf8.count { return self }
        let count = utf8.count
        let edgesASCII = utf8.withContiguousStorageIfAvailable { bytes in
            (first == 0 || bytes[first] < 0x80) && (end == count || bytes[end - 1] < 0x80)
        } ?? false
        guard edgesASCII else { return characterTrimmingSpaces }
        let start = utf8.index(utf8.startIndex, offsetBy: first)
        let stop = utf8.index(utf8.startIndex, offsetBy: end)
        return String(self[start..<stop])
    }

    /// `trimmingSpaces` character by character (the definition).
    var characterTrimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// ASCII without CR: each byte is a character of its own (CR LF is the one ASCII pair that
    /// forms one character), so byte-wise parsing gives what character-wise parsing gives.
    var isPlainASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
            ?? utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        // Without the target's bytes there is no occurrence to replace: skip the (Foundation,
        // canonical-equivalence) search. With them, the search and the split decide as before.
        guard !target.isEmpty, utf8.containsBytes(of: target), contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

extension String.UTF8View {
    /// Whether the UTF-8 of `other` occurs in these bytes.
    func containsBytes(of other: String) -> Bool {
        let needle = Array(other.utf8)
        guard !needle.isEmpty else { return true }
        // A native string's bytes are searched in place; only a bridged one is copied first.
        return withContiguousStorageIfAvailable { Self.search(needle, in: $0) } ?? Self.search(needle, in: Array(self))
    }

    private static func search<C: RandomAccessCollection>(_ needle: [UInt8], in haystack: C) -> Bool
    where C.Element == UInt8, C.Index == Int {
        let first = needle[0]
        guard needle.count <= haystack.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}

extension String.UnicodeScalarView {
    /// Appends `scalars` one at a time. `append(contentsOf:)` on a scalar view rebuilds the whole
    /// view on every call (quadratic over a long text: a 1 MB body took 36 s); appending single
    /// scalars grows it in place.
    mutating func appendEach<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for scalar in scalars { append(scalar) }
    }
}
