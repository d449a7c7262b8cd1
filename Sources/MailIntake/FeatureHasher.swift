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
    }

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

    /// Words (between spaces) and pairs of neighbouring words.
    func words<Sink: FeatureSink>(_ text: [UInt8], seed: Seed, into sink: inout Sink) {
        text.withUnsafeBufferPointer { bytes in
            var previous: UInt32 = 0
            var hash = seed.rawValue
            var inWord = false
            for byte in bytes {
                if byte == 0x20 {
                    if inWord {
                        sink.add(bucket(hash))
                        if previous != 0 { sink.add(bucket((previous &* 0x9E37_79B1) ^ hash ^ Seed.bigrams.rawValue)) }
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
