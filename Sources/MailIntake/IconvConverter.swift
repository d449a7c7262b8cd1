#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A conversion from one charset to UTF-8 through the C library's iconv: the charsets the fast
/// tables of `CharsetTables` do not cover (GB18030, Big5, Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR,
/// windows-125x, mac-cyrillic …).
///
/// It owns its descriptor (`iconv_open`, closed in `deinit`) and is used by one thread at a time:
/// `CharsetDecoder` opens one per text. Bytes that are not valid in the charset become U+FFFD,
/// and the conversion goes on after them, so no input is ever refused.
final class IconvConverter {
    private let descriptor: iconv_t

    /// A converter from `charset`, or nil when the C library does not know it.
    init?(from charset: String) {
        // Only plain names: a suffix such as //IGNORE or a NUL must not change what iconv does.
        guard !charset.isEmpty, charset.utf8.count <= 40, charset.utf8.allSatisfy(Self.isNameByte) else { return nil }
        let opened = iconv_open("UTF-8", charset)
        guard let opened, opened != iconv_t(bitPattern: -1) else { return nil }
        descriptor = opened
    }

    deinit { iconv_close(descriptor) }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x3A, 0x2B: true  // 0-9 A-Z a-z - _ . : +
        default: false
        }
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]  // U+FFFD in UTF-8

    /// `bytes` as text.
    func convert(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var chunk = [UInt8](repeating: 0, count: 4096)
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            var offset = 0
            /// One call of iconv from `offset` (or, with `flush`, the end of the shift state), the
            /// output appended; the errno when it stopped early, else 0.
            func step(flush: Bool) -> Int32 {
                chunk.withUnsafeMutableBufferPointer { target in
                    var outPointer: UnsafeMutablePointer<CChar>? = target.baseAddress.map {
                        UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                    }
                    var outLeft = target.count
                    let result: Int
                    if flush {
                        result = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    } else {
                        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + offset)
                            .assumingMemoryBound(to: CChar.self)
                        var inLeft = source.count - offset
                        result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                        offset = source.count - inLeft
                    }
                    output.append(contentsOf: target[0..<(target.count - outLeft)])
                    return result == -1 ? errno : 0
                }
            }
            while offset < source.count {
                switch step(flush: false) {
                case 0, E2BIG:
                    continue  // all converted, or the chunk was full: go on
                case EILSEQ, EINVAL:
                    // An invalid or truncated sequence: one replacement character, then the next byte.
                    output.append(contentsOf: Self.replacement)
                    offset += 1
                default:
                    output.append(contentsOf: Self.replacement)
                    offset = source.count
                }
            }
            while step(flush: true) == E2BIG {}
        }
        return String(decoding: output, as: UTF8.self)
    }
}
