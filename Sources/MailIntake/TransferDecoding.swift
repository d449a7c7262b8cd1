/// Content-Transfer-Encoding decoders, tolerant of what real mail does to them.
public enum TransferDecoding {
    /// Decodes `body` according to a Content-Transfer-Encoding value (7bit, 8bit and binary pass through).
    public static func decode(_ body: [UInt8], encoding: String?) -> [UInt8] {
        switch (encoding ?? "7bit").lowercased().trimmingSpaces {
        case "base64": base64(body)
        case "quoted-printable": quotedPrintable(body)
        default: body
        }
    }

    /// Base64, skipping line breaks and any byte outside the alphabet; a truncated tail keeps its whole bytes.
    public static func base64(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var count = 0
        for byte in input {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41
            case 0x61...0x7A: value = byte - 0x61 + 26
            case 0x30...0x39: value = byte - 0x30 + 52
            case 0x2B, 0x2D: value = 62   // + (and - of base64url)
            case 0x2F, 0x5F: value = 63   // / (and _ of base64url)
            case 0x3D:
                // Padding ends a group; anything after a padded group starts afresh.
                flush(&accumulator, &count, into: &output)
                continue
            default: continue
            }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        flush(&accumulator, &count, into: &output)
        return output
    }

    private static func flush(_ accumulator: inout UInt32, _ count: inout Int, into output: inout [UInt8]) {
        if count == 2 {
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        } else if count == 3 {
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        }
        accumulator = 0
        count = 0
    }

    /// Quoted-printable: `=XX` escapes, `=` soft line breaks (LF or CRLF); a bad escape stays as written.
    public static func quotedPrintable(_ input: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x3D {
                // Soft line break: "=" then optional spaces then LF or CRLF.
                var look = index + 1
                while look < input.count && (input[look] == 0x20 || input[look] == 0x09) { look += 1 }
                if look < input.count && input[look] == 0x0A { index = look + 1; continue }
                if look + 1 < input.count && input[look] == 0x0D && input[look + 1] == 0x0A { index = look + 2; continue }
                if look == input.count { index = look; continue }
                if index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)
            } else if byte == 0x5F && underscoreIsSpace {
                output.append(0x20)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
