/// Where `FeatureHasher` puts each feature it finds: a list (training) or a running score (classifying).
protocol FeatureSink {
    /// One occurrence of the feature hashed to `bucket` (already reduced to the model's table).
    mutating func add(_ bucket: UInt32)
}

/// Turns a message's subject and body into hashed features, without allocating per n-gram:
/// character n-grams of 2 to 5 bytes and word unigrams and bigrams of `FeatureText`, hashed in
/// place (FNV-1a, then a final mix) into a table of `1 << bits` buckets.
///
/// The subject counts twice: its n-grams and words are features of the text like the body's,
/// and again in a namespace of their own (a word in the subject says more than in the body).
///
/// The `negationScope` words after a negator ("do not **delete**", "не **передавайте**",
/// "hech **kimga**") are features once more, in a namespace of their own: "delete" after "not" is
/// not the "delete" of an erasure, and a bag of n-grams cannot see that otherwise. (Uzbek negates
/// mostly inside the verb, "o'chir**ma**ng", which the character n-grams see.) Measured with 1,415
/// messages, 5 folds by writer: 947 of 1,007 primary rights without, 946 / 945 / 957 / 954 / 951
/// with a scope of 1 / 2 / 3 / 4 / 5 words.
public struct FeatureHasher: Sendable {
    /// log2 of the number of buckets.
    public let bits: Int
    /// At most this many bytes of normalised body are read (the request is at the top).
    public static let maxBodyBytes = 3_000

    public init(bits: Int) { self.bits = bits }

    /// Namespaces: each kind of feature hashes from a seed of its own.
    enum Seed: UInt32 {
        case characters = 0x811C_9DC5
        case words = 0x0100_0193
        case bigrams = 0x5BD1_E995
        case subjectCharacters = 0x9E37_79B9
        case subjectWords = 0x85EB_CA6B
        case negated = 0x2545_F491
    }

    /// How many words after a negator are also read as negated.
    static let negationScope = 3
    /// The negators (en, ru, uz), as `FeatureText` writes them, hashed as words.
    static let negators = Set(["not", "dont", "never", "no", "nor", "without", "ne", "net", "bez", "ni", "emas", "hech"].map(wordHash))

    /// The hash `words` gives a word (lower-case ASCII, before the folds) with the `.words` seed.
    static func wordHash(_ word: String) -> UInt32 {
        word.utf8.map(FeatureText.fold).reduce(Seed.words.rawValue) { ($0 ^ UInt32($1)) &* 0x0100_0193 }
    }

    /// The feature of a word (its `.words` hash) read as negated.
    @inline(__always)
    static func negated(_ wordHash: UInt32) -> UInt32 { (wordHash &* Seed.negated.rawValue) ^ 0x6A09_E667 }

    /// The normalised subject and body the features are taken from.
    public static func texts(subject: String, body: String) -> (subject: [UInt8], body: [UInt8]) {
        let subjectBytes = FeatureText.normalize(RightClassifier.subjectWithoutPrefixes(subject))
        var bodyBytes = FeatureText.normalize(FeatureText.withoutSignature(body))
        if bodyBytes.count > maxBodyBytes {
            bodyBytes.removeSubrange(maxBodyBytes...)
            bodyBytes.append(0x20)
        }
        return (subjectBytes, bodyBytes)
    }

    /// Every feature of a message, in a fixed order, into `sink`.
    func features<Sink: FeatureSink>(subject: [UInt8], body: [UInt8], into sink: inout Sink) {
        characterGrams(subject, seed: .characters, into: &sink)
        words(subject, seed: .words, into: &sink)
        characterGrams(subject, seed: .subjectCharacters, into: &sink)
        words(subject, seed: .subjectWords, into: &sink)
        characterGrams(body, seed: .characters, into: &sink)
        words(body, seed: .words, into: &sink)
    }

    @inline(__always)
    static func mix(_ value: UInt32) -> UInt32 {
        var h = value
        h ^= h >> 16
        h = h &* 0x85EB_CA6B
        h ^= h >> 13
        h = h &* 0xC2B2_AE35
        h ^= h >> 16
        return h
    }

    @inline(__always)
    func bucket(_ hash: UInt32) -> UInt32 { Self.mix(hash) >> UInt32(32 - bits) }

    /// Character n-grams of 2…5 bytes at every position (the text's spaces mark word edges).
    func characterGrams<Sink: FeatureSink>(_ text: [UInt8], seed: Seed, into sink: inout Sink) {
        let count = text.count
        guard count >= 2 else { return }
        text.withUnsafeBufferPointer { bytes in
            for start in 0..<(count - 1) {
                var hash = seed.rawValue
                hash = (hash ^ UInt32(bytes[start])) &* 0x0100_0193
                let end = min(count, start + 5)
                var index = start + 1
                while index < end {
                    hash = (hash ^ UInt32(bytes[index])) &* 0x0100_0193
                    // The length is part of the feature: "ab" and "ab " differ by more than a byte.
                    sink.add(bucket(hash &+ UInt32(index - start)))
                    index += 1
                }
            }
        }
    }

    /// Words (between spaces) and pairs of neighbouring words; with the `.words` seed also the
    /// words a negator governs, as `.negated` features.
    func words<Sink: FeatureSink>(_ text: [UInt8], seed: Seed, into sink: inout Sink) {
        let readsNegation = seed == .words
        text.withUnsafeBufferPointer { bytes in
            var previous: UInt32 = 0
            var hash = seed.rawValue
            var inWord = false
            var negatedWords = 0
            for byte in bytes {
                if byte == 0x20 {
                    if inWord {
                        sink.add(bucket(hash))
                        if previous != 0 { sink.add(bucket((previous &* 0x9E37_79B1) ^ hash ^ Seed.bigrams.rawValue)) }
                        if readsNegation {
                            if negatedWords > 0 {
                                sink.add(bucket(Self.negated(hash)))
                                negatedWords -= 1
                            }
                            if Self.negators.contains(hash) { negatedWords = Self.negationScope }
                        }
                        previous = hash | 1
                        hash = seed.rawValue
                        inWord = false
                    }
                    continue
                }
                hash = (hash ^ UInt32(byte)) &* 0x0100_0193
                inWord = true
            }
        }
    }
}

/// The buckets of a message's features, one entry per occurrence (for training).
struct BucketList: FeatureSink {
    var buckets: [UInt32] = []
    mutating func add(_ bucket: UInt32) { buckets.append(bucket) }
}
