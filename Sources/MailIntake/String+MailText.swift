/// Small string helpers the parser uses instead of Foundation's, so behaviour is the same everywhere.

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
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
