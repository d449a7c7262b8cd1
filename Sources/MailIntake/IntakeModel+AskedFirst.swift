/// Which of two rights a message asks for first: the primary right of a message asking for two is
/// usually the one it asks first ("send me my data, then delete it"), while the softmax weighs
/// both the same wherever they stand. This is a rule, not a weight, because it is about order,
/// which a bag of n-grams cannot see.
///
/// A word (or pair of words) is *evidence* for a right when the model's weight of it for that right
/// is at least `evidenceStep` int8 steps and larger than for every other output. The text is read
/// as the model reads it, subject first; the right whose first evidence comes earlier is asked first.
///
/// Measured with the forward rule (`QuotedTextStripper.requestText`), 5 folds by writer:
/// 701/779 primary right and 158 created, none wrong, against 700 and 161 without this rule
/// (steps 12 and 48 measured 700 and 701). Alone, against the model of issue 13's session 4, it
/// gained three (699 → 702). Two-right messages that say "before you delete it, send me …" still
/// read the wrong way round.
extension IntakeModel {
    /// The int8 weight a word must reach to count as evidence (of 127, the output's largest).
    static let evidenceStep: Int8 = 24
    /// Only when the second right is at least this probable is the order looked at.
    static let askedFirstProbability = 0.2

    /// The index (in `Right.allCases`) of whichever of `first` and `second` the text asks for
    /// first; `first` when neither has evidence or they tie.
    func askedFirst(_ first: Int, _ second: Int, subject: [UInt8], body: [UInt8]) -> Int {
        var seen = [Int?](repeating: nil, count: 2)
        let hasher = FeatureHasher(bits: bits)
        let candidates = [first, second]
        weights.withUnsafeBufferPointer { weights in
            func look(_ hash: UInt32, at position: Int) {
                let base = Int(hasher.bucket(hash)) * Self.outputs
                for (slot, right) in candidates.enumerated() where seen[slot].map({ position < $0 }) ?? true {
                    let weight = weights[base + right]
                    guard weight >= Self.evidenceStep else { continue }
                    if (0..<Self.outputs).allSatisfy({ $0 == right || weights[base + $0] < weight }) { seen[slot] = position }
                }
            }
            var subjectWords = 0
            for seed in [FeatureHasher.Seed.words, .subjectWords] {
                subjectWords = hasher.forEachWord(subject, seed: seed, look)
            }
            _ = hasher.forEachWord(body, seed: .words) { look($0, at: subjectWords + $1) }
        }
        guard let secondSeen = seen[1] else { return first }
        guard let firstSeen = seen[0] else { return second }
        return secondSeen < firstSeen ? second : first
    }
}

extension FeatureHasher {
    /// The hashes `words` adds (each word, then its pair with the word before), with the index of
    /// the word they end at; returns the number of words. The same loop as `words`, kept apart so
    /// that the hot path stays free of the position.
    func forEachWord(_ text: [UInt8], seed: Seed, _ body: (UInt32, Int) -> Void) -> Int {
        var previous: UInt32 = 0
        var hash = seed.rawValue
        var inWord = false
        var index = 0
        for byte in text {
            if byte == 0x20 {
                if inWord {
                    body(hash, index)
                    if previous != 0 { body((previous &* 0x9E37_79B1) ^ hash ^ Seed.bigrams.rawValue, index) }
                    previous = hash | 1
                    hash = seed.rawValue
                    inWord = false
                    index += 1
                }
                continue
            }
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
            inWord = true
        }
        return index
    }
}
