/// Walks the MIME tree collecting text candidates, attachments and warnings.
struct PartWalker {
    let limits: IntakeLimits
    var plainTexts: [String] = []
    var htmlTexts: [String] = []
    var forwardedTexts: [String] = []
    /// The From of each attached message (message/rfc822), outermost first.
    var forwardedAuthors: [MailAddress] = []
    var attachments: [MailAttachment] = []
    var warnings: [String] = []
    /// Unknown charsets of text parts whose bytes were not UTF-8 either (read with U+FFFD).
    var unreadableCharsets: [String] = []
    var partCount = 0
    var topLevelType = "text/plain"

    init(limits: IntakeLimits) { self.limits = limits }

    var bestText: String {
        if let plain = plainTexts.first(where: { !$0.trimmingSpaces.isEmpty }) { return plain }
        if let html = htmlTexts.first { return HTMLText.text(from: html) }
        return plainTexts.first ?? ""
    }

    mutating func warn(_ message: String) {
        if warnings.count < 50 && !warnings.contains(message) { warnings.append(message) }
    }

    mutating func walk(fields: [HeaderField], body: ArraySlice<UInt8>, depth: Int) {
        partCount += 1
        guard partCount <= limits.maxParts else {
            warn("more than \(limits.maxParts) MIME parts; the rest was skipped")
            return
        }
        let contentType = HeaderParameters(fields.value(of: "Content-Type") ?? "text/plain")
        var type = contentType.value
        if !type.contains("/") { type = "text/plain" }
        if depth == 0 { topLevelType = type }
        let disposition = HeaderParameters(fields.value(of: "Content-Disposition") ?? "")
        let filename = disposition.parameters["filename"] ?? contentType.parameters["name"]
        let encoding = fields.value(of: "Content-Transfer-Encoding")
        let isAttachment = disposition.value == "attachment" || filename != nil

        if type.hasPrefix("multipart/") {
            guard depth < limits.maxDepth else {
                warn("MIME nesting deeper than \(limits.maxDepth); inner parts skipped")
                return
            }
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
                warn("multipart without boundary; read as text")
                addText(type: "text/plain", parameters: contentType.parameters, body: body, encoding: encoding)
                return
            }
            let (parts, terminated) = Self.split(body, boundary: Array(("--" + boundary).utf8))
            if parts.isEmpty {
                warn("boundary not found; body read as text")
                addText(type: "text/plain", parameters: contentType.parameters, body: body, encoding: encoding)
                return
            }
            if !terminated { warn("unterminated multipart boundary") }
            for part in parts {
                let (partFields, partBody, _) = HeaderSection.split(part)
                walk(fields: partFields, body: partBody, depth: depth + 1)
            }
            return
        }
        if type == "message/rfc822" || type == "message/global" {
            guard depth < limits.maxDepth else {
                warn("MIME nesting deeper than \(limits.maxDepth); inner message skipped")
                return
            }
            let decoded = TransferDecoding.decode(Array(body), encoding: encoding)
            let (innerFields, innerBody, valid) = HeaderSection.split(decoded[...])
            guard valid else {
                warn("attached message without headers")
                return
            }
            var inner = PartWalker(limits: limits)
            inner.partCount = partCount
            inner.walk(fields: innerFields, body: innerBody, depth: depth + 1)
            partCount = inner.partCount
            attachments.append(contentsOf: inner.attachments)
            for warning in inner.warnings { warn(warning) }
            for charset in inner.unreadableCharsets where !unreadableCharsets.contains(charset) { unreadableCharsets.append(charset) }
            let innerSubject = MojibakeRepair.repair(EncodedWordDecoder.decode(innerFields.value(of: "Subject") ?? "").text)
            var forwarded = innerSubject.isEmpty ? "" : "Subject: \(innerSubject)\n\n"
            forwarded += inner.bestText
            forwardedTexts.append(forwarded)
            forwardedTexts.append(contentsOf: inner.forwardedTexts)
            forwardedAuthors += AddressParser.parse(innerFields.value(of: "From") ?? "").prefix(1)
            forwardedAuthors += ForwardedAuthors.inline(in: inner.bestText, subject: innerSubject) + inner.forwardedAuthors
            return
        }
        if (type == "text/plain" || type == "text/html") && !isAttachment {
            addText(type: type, parameters: contentType.parameters, body: body, encoding: encoding)
            return
        }
        if type.hasPrefix("text/") && depth == 0 && !isAttachment {
            addText(type: "text/plain", parameters: contentType.parameters, body: body, encoding: encoding)
            return
        }
        let size = TransferDecoding.decode(Array(body), encoding: encoding).count
        attachments.append(MailAttachment(filename: filename, contentType: type, size: size))
    }

    /// A text part's decoded text (`parameters` are its Content-Type's: charset, format, delsp).
    mutating func addText(type: String, parameters: [String: String], body: ArraySlice<UInt8>, encoding: String?) {
        let charset = parameters["charset"]
        let bytes = TransferDecoding.decode(Array(body), encoding: encoding)
        let (decoded, known) = CharsetDecoder.decode(bytes, charset: charset)
        if !known, let charset {
            warn("unknown charset \(charset)")
            if decoded.unicodeScalars.contains("\u{FFFD}"), !unreadableCharsets.contains(charset) { unreadableCharsets.append(charset) }
        }
        let repaired = MojibakeRepair.repair(decoded)
        if repaired != decoded { warn("mojibake repaired in body") }
        var normalized = repaired.replacingAll("\r\n", with: "\n")
        if type == "text/plain", parameters["format"]?.lowercased() == "flowed" {
            normalized = FlowedText.unflowed(normalized, deletingSpace: parameters["delsp"]?.lowercased() == "yes")
        }
        if type == "text/html" { htmlTexts.append(normalized) } else { plainTexts.append(normalized) }
    }

    /// The parts between `--boundary` lines, and whether the closing `--boundary--` was seen.
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> ([ArraySlice<UInt8>], Bool) {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[index..<lineEnd]
            if line.count >= boundary.count, line.starts(with: boundary) {
                let after = line.dropFirst(boundary.count)
                let closing = after.starts(with: [0x2D, 0x2D])
                let onlyPadding = after.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if closing || onlyPadding {
                    if let start = partStart {
                        parts.append(body[start..<trimLineBreak(body, before: index, floor: start)])
                    }
                    if closing { return (parts, true) }
                    partStart = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
                }
            }
            index = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start..<body.endIndex]) }
        return (parts, false)
    }

    /// The line break before a delimiter belongs to the delimiter.
    static func trimLineBreak(_ body: ArraySlice<UInt8>, before index: Int, floor: Int) -> Int {
        var end = index
        if end > floor && body[end - 1] == 0x0A { end -= 1 }
        if end > floor && body[end - 1] == 0x0D { end -= 1 }
        return end
    }
}
