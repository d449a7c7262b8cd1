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
        guard !target.isEmpty, contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
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
