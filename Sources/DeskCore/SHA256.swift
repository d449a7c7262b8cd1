import Crypto

/// SHA-256 (FIPS 180-4) for evidence digests, letter codes and the audit log.
///
/// `digest` is swift-crypto's (BoringSSL, with the SHA-NI instructions where the processor has
/// them): over audit events it measured 3.1–3.5 times faster than the plain Swift `softwareDigest`
/// kept below (README, "Performance"), which the tests use as a second implementation.
public enum SHA256 {
    fileprivate static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let done = bytes.withContiguousStorageIfAvailable({ Array(Crypto.SHA256.hash(data: UnsafeRawBufferPointer($0))) }) {
            return done
        }
        return Array(Crypto.SHA256.hash(data: Array(bytes)))
    }

    /// The same digest computed in plain Swift (no dependency), for cross-checks and measurement.
    public static func softwareDigest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var h = State()
        if let done = bytes.withContiguousStorageIfAvailable({ h.hash(UnsafeRawBufferPointer($0)) }) {
            _ = done
        } else {
            Array(bytes).withUnsafeBytes { h.hash($0) }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [h.a, h.b, h.c, h.d, h.e, h.f, h.g, h.h] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The eight working words, hashing a whole message: full blocks straight from the input,
    /// the padded tail from a small buffer; no copy of the message and no per-block allocation.
    private struct State {
        var a: UInt32 = 0x6a09e667, b: UInt32 = 0xbb67ae85, c: UInt32 = 0x3c6ef372, d: UInt32 = 0xa54ff53a
        var e: UInt32 = 0x510e527f, f: UInt32 = 0x9b05688c, g: UInt32 = 0x1f83d9ab, h: UInt32 = 0x5be0cd19

        mutating func hash(_ message: UnsafeRawBufferPointer) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                let fullBlocks = message.count / 64
                for block in 0..<fullBlocks {
                    compress(UnsafeRawBufferPointer(rebasing: message[(block * 64)..<(block * 64 + 64)]), w)
                }
                // The tail, 0x80, zeros and the bit length: one or two more blocks.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                    let rest = message.count - fullBlocks * 64
                    for i in 0..<128 { tail[i] = 0 }
                    for i in 0..<rest { tail[i] = message[fullBlocks * 64 + i] }
                    tail[rest] = 0x80
                    let length = rest + 1 + 8 <= 64 ? 64 : 128
                    let bitLength = UInt64(message.count) &* 8
                    for i in 0..<8 { tail[length - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
                    let raw = UnsafeRawBufferPointer(tail)
                    compress(UnsafeRawBufferPointer(rebasing: raw[0..<64]), w)
                    if length == 128 { compress(UnsafeRawBufferPointer(rebasing: raw[64..<128]), w) }
                }
            }
        }

        @inline(__always)
        mutating func compress(_ block: UnsafeRawBufferPointer, _ w: UnsafeMutableBufferPointer<UInt32>) {
            for t in 0..<16 {
                let i = t * 4
                w[t] = UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8 | UInt32(block[i + 3])
            }
            for t in 16..<64 {
                let s0 = SHA256.rotr(w[t - 15], 7) ^ SHA256.rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = SHA256.rotr(w[t - 2], 17) ^ SHA256.rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var a = self.a, b = self.b, c = self.c, d = self.d, e = self.e, f = self.f, g = self.g, hh = self.h
            SHA256.k.withUnsafeBufferPointer { k in
                for t in 0..<64 {
                    let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let temp1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let temp2 = s0 &+ maj
                    hh = g
                    g = f
                    f = e
                    e = d &+ temp1
                    d = c
                    c = b
                    b = a
                    a = temp1 &+ temp2
                }
            }
            self.a = self.a &+ a; self.b = self.b &+ b; self.c = self.c &+ c; self.d = self.d &+ d
            self.e = self.e &+ e; self.f = self.f &+ f; self.g = self.g &+ g; self.h = self.h &+ hh
        }
    }

    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest(bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of the UTF-8 bytes of `text` as 64 lowercase hexadecimal digits.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex($0) }
    }

    @inline(__always)
    fileprivate static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }
}
