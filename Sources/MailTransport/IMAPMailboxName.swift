/// A folder name as IMAP writes it on the wire: modified UTF-7 (RFC 3501 §5.1.3). Printable ASCII
/// stands for itself ("&" as "&-"); any other run of characters is its UTF-16 in base64 with ","
/// for "/" and no padding, between "&" and "-". A DPO's folder "Обращения" is
/// `&BB4EMQRABDAESQQ1BD0EOARP-`; sent as raw UTF-8 instead, an IMAP4rev1 server answers that the
/// name is not valid.
public enum IMAPMailboxName {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// `name` in modified UTF-7.
    public static func encoded(_ name: String) -> String {
        var output: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            output.append(UInt8(ascii: "&"))
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            var index = 0
            while index < bytes.count {
                let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
                let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
                for sextet in 0..<(chunk.count + 1) {
                    output.append(alphabet[Int((value >> UInt32(18 - 6 * sextet)) & 0x3F)])
                }
                index += 3
            }
            output.append(UInt8(ascii: "-"))
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }
}
