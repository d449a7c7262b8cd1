import Foundation

/// A folder name as IMAP writes it on the wire: modified UTF-7 (RFC 3501 §5.1.3). Printable ASCII
/// stands for itself ("&" as "&-"); any other run of characters is its UTF-16 in base64 with ","
/// for "/" and no padding, between "&" and "-". A DPO's folder "Обращения" is
/// `&BB4EMQRABDAESQQ1BD0EOARP-`; sent as raw UTF-8 instead, an IMAP4rev1 server answers that the
/// name is not valid.
public enum IMAPMailboxName {
    /// `name` in modified UTF-7.
    public static func encoded(_ name: String) -> String {
        var output = ""
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            let base64 = Data(pending).base64EncodedString().replacingOccurrences(of: "/", with: ",")
            output += "&" + base64.trimmingCharacters(in: CharacterSet(charactersIn: "=")) + "-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                output.unicodeScalars.append(scalar)
                if scalar == "&" { output += "-" }
            } else {
                for unit in String(scalar).utf16 { pending += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            }
        }
        flush()
        return output
    }
}
