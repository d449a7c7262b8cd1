/// Splits a message or MIME part into its header fields and body, unfolding folded lines.
enum HeaderSection {
    /// The header fields, the body bytes, and whether a valid header block was found.
    static func split(_ bytes: ArraySlice<UInt8>) -> (fields: [HeaderField], body: ArraySlice<UInt8>, valid: Bool) {
        var fields: [HeaderField] = []
        var index = bytes.startIndex
        var currentName: String?
        var currentValue: [UInt8] = []
        var valid = true
        func finish() {
            if let name = currentName {
                fields.append(HeaderField(name: name, value: decodeHeaderBytes(currentValue).trimmingSpaces))
            }
            currentName = nil
            currentValue = []
        }
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var contentEnd = lineEnd
            if contentEnd > index && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = bytes[index..<contentEnd]
            let next = lineEnd < bytes.endIndex ? lineEnd + 1 : bytes.endIndex
            if line.isEmpty {
                finish()
                return (fields, bytes[next...], valid && !fields.isEmpty)
            }
            if let first = line.first, first == 0x20 || first == 0x09 {
                if currentName != nil {
                    currentValue.append(0x20)
                    currentValue.append(contentsOf: line.drop { $0 == 0x20 || $0 == 0x09 })
                } else if fields.isEmpty {
                    valid = false
                }
            } else if let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                      line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
                finish()
                currentName = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
                currentValue = Array(line[(colon + 1)...])
            } else if fields.isEmpty && currentName == nil {
                // Not a header line before any header: this part has no header block.
                return ([], bytes, false)
            } else {
                // A broken line inside the header block: the header block ends here, like mail clients do.
                finish()
                return (fields, bytes[index...], valid)
            }
            index = next
        }
        finish()
        return (fields, bytes[bytes.endIndex...], valid && !fields.isEmpty)
    }

    /// Header bytes are ASCII by the RFC, UTF-8 by RFC 6532, and Windows-1252 or worse in practice.
    static func decodeHeaderBytes(_ bytes: [UInt8]) -> String {
        CharsetDecoder.decodeUTF8OrFallback(bytes)
    }
}
