import DeskCore
import Foundation

/// Random tokens and one-time codes, and how they are stored: only as SHA-256 hashes.
public enum PortalSecret {
    /// 32 random bytes as 64 hex digits: confirmation URLs, session and CSRF cookies.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for _ in 0..<4 {
            var word = generator.next()
            for _ in 0..<16 {
                hex.append(digits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// A six-digit code for an e-mail, uniformly drawn.
    public static func code() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
    }

    /// What the database keeps of a token.
    public static func hash(token: String) -> String { SHA256.hex(token) }

    /// What the database keeps of a code: bound to its challenge, so equal codes differ.
    public static func hash(code: String, challenge: String) -> String { SHA256.hex("\(challenge):\(code)") }

    /// A code as typed: digits only (spaces and dashes dropped), else nil.
    public static func typedCode(_ text: String?) -> String? {
        let digits = (text ?? "").filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }

    /// Compares two strings in time independent of where they differ.
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
