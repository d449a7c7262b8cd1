/// A structured header value such as `text/plain; charset="koi8-r"` with its parameters.
struct HeaderParameters: Sendable {
    /// The value before the first `;`, lower-cased (e.g. `text/plain`, `attachment`).
    let value: String
    /// Parameters by lower-cased name; RFC 2231 continuations and charsets already joined and decoded.
    let parameters: [String: String]

    init(_ raw: String) {
        let parts = raw.isPlainASCII ? Self.parts(bytes: Array(raw.utf8)) : Self.parts(raw)
        value = (parts.first ?? "").trimmingSpaces.lowercased()
        var simple: [String: String] = [:]
        var continued: [String: [(Int, String, Bool)]] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = String(part[..<equals]).trimmingSpaces.lowercased()
            let rawValue = String(part[part.index(after: equals)...]).trimmingSpaces
            guard !name.isEmpty else { continue }
            // RFC 2231: name*=charset'lang'%XX…, name*0=…, name*1*=…
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                let number = Int(rest.filter { $0 != "*" }) ?? 0
                continued[base, default: []].append((number, rawValue, encoded))
            } else if simple[name] == nil {
                simple[name] = EncodedWordDecoder.decode(rawValue).text
            }
        }
        for (base, pieces) in continued {
            let ordered = pieces.sorted { $0.0 < $1.0 }.prefix(100)
            var charset: String?
            var bytes: [UInt8] = []
            for (index, piece) in ordered.enumerated() {
                var text = Substring(piece.1)
                if piece.2 {
                    if index == 0 {
                        let segments = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if segments.count == 3 {
                            charset = String(segments[0])
                            text = segments[2]
                        }
                    }
                    bytes.append(contentsOf: Self.percentDecoded(text))
                } else {
                    bytes.append(contentsOf: Array(text.utf8))
                }
            }
            simple[base] = CharsetDecoder.decode(bytes, charset: charset ?? "utf-8").text
        }
        parameters = simple
    }

    /// The value and the parameters, split at `;` outside quotes, quotes and escapes removed.
    static func parts(_ raw: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in raw {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" && inQuotes { escaped = true; continue }
            if character == "\"" { inQuotes.toggle(); continue }
            if character == ";" && !inQuotes { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// `parts` of plain ASCII (`String.isPlainASCII`), byte by byte.
    static func parts(bytes raw: [UInt8]) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var escaped = false
        for byte in raw {
            if escaped { current.append(byte); escaped = false; continue }
            if byte == 0x5C && inQuotes { escaped = true; continue }  // \
            if byte == 0x22 { inQuotes.toggle(); continue }  // "
            if byte == 0x3B && !inQuotes {  // ;
                parts.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                continue
            }
            current.append(byte)
        }
        parts.append(String(decoding: current, as: UTF8.self))
        return parts
    }

    static func percentDecoded(_ text: Substring) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == 0x25, index + 2 < utf8.count,
               let high = TransferDecoding.hexValue(utf8[index + 1]), let low = TransferDecoding.hexValue(utf8[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(utf8[index])
                index += 1
            }
        }
        return output
    }
}
