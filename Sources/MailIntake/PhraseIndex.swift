/// Counts every vocabulary phrase in a normalised text in one pass over its word starts,
/// instead of one scan of the text per phrase.
///
/// A needle is a space then a normalised phrase, so it can only start at a space: at each space
/// only the phrases whose first two bytes follow are compared. Counts are exactly those of
/// `TextNormalizer.count` (non-overlapping, left to right, at most 20).
struct PhraseIndex: Sendable {
    /// The needles, by id.
    let needles: [[UInt8]]
    /// Ids of needles of three bytes or more, by the two bytes after their leading space.
    let byTwoBytes: [UInt16: [Int]]
    /// Ids of two-byte needles (a space and one byte), by that byte.
    let byOneByte: [UInt8: [Int]]

    /// Numbers phrases as a classifier is built; equal needles share an id.
    struct Builder {
        private var ids: [[UInt8]: Int] = [:]
        private var needles: [[UInt8]] = []

        mutating func number(_ phrases: [RightClassifier.Phrase]) -> [RightClassifier.Phrase] {
            phrases.map { phrase in
                var numbered = phrase
                if let id = ids[phrase.needle] {
                    numbered.id = id
                } else {
                    numbered.id = needles.count
                    ids[phrase.needle] = numbered.id
                    needles.append(phrase.needle)
                }
                return numbered
            }
        }

        func build() -> PhraseIndex {
            var two: [UInt16: [Int]] = [:]
            var one: [UInt8: [Int]] = [:]
            for (id, needle) in needles.enumerated() {
                // Every needle starts with a space (RightClassifier.prepare); anything else never matches there.
                guard needle.count >= 2, needle[0] == 0x20 else { continue }
                if needle.count == 2 {
                    one[needle[1], default: []].append(id)
                } else {
                    two[UInt16(needle[1]) << 8 | UInt16(needle[2]), default: []].append(id)
                }
            }
            return PhraseIndex(needles: needles, byTwoBytes: two, byOneByte: one)
        }
    }

    /// How often each phrase occurs in one text, by id.
    struct Counts {
        fileprivate var values: [Int]
        subscript(id: Int) -> Int { values[id] }
    }

    /// Counts phrases text after text, reusing its buffers.
    struct Counter {
        let index: PhraseIndex
        private var nextFree: [Int]

        init(_ index: PhraseIndex) {
            self.index = index
            nextFree = Array(repeating: 0, count: index.needles.count)
        }

        /// The count of every phrase in `text` (a normalised text as UTF-8).
        mutating func count(in text: [UInt8]) -> Counts {
            var counts = Array(repeating: 0, count: index.needles.count)
            var touched: [Int] = []
            let end = text.count
            text.withUnsafeBufferPointer { haystack in
                func consider(_ id: Int, at position: Int) {
                    let needle = index.needles[id]
                    guard counts[id] < 20, position >= nextFree[id], position + needle.count <= end else { return }
                    var offset = 1
                    while offset < needle.count && haystack[position + offset] == needle[offset] { offset += 1 }
                    guard offset == needle.count else { return }
                    if counts[id] == 0 { touched.append(id) }
                    counts[id] += 1
                    nextFree[id] = position + needle.count
                }
                var position = 0
                while position + 1 < end {
                    if haystack[position] == 0x20 {
                        if let ids = index.byOneByte[haystack[position + 1]] {
                            for id in ids { consider(id, at: position) }
                        }
                        if position + 2 < end,
                           let ids = index.byTwoBytes[UInt16(haystack[position + 1]) << 8 | UInt16(haystack[position + 2])] {
                            for id in ids { consider(id, at: position) }
                        }
                    }
                    position += 1
                }
            }
            for id in touched { nextFree[id] = 0 }
            return Counts(values: counts)
        }
    }
}
