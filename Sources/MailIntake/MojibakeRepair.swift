/// Repairs UTF-8 text that was decoded as Latin-1 / Windows-1252 somewhere on its way
/// (`soâ€™rov` → `so’rov`, `Ð£Ð´Ð°Ð»Ð¸Ñ‚Ðµ` → `Удалите`).
///
/// Conservative: a run of characters is replaced only when all of them map back to single
/// Windows-1252 bytes, those bytes hold at least one multi-byte sequence, and they are valid UTF-8.
public enum MojibakeRepair {
    /// Reverse of the Windows-1252 table: scalar → byte, for the 0x80–0x9F specials.
    static let windows1252Reverse: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (offset, value) in CharsetTables.windows1252.enumerated() {
            map[UInt32(value)] = UInt8(0x80 + offset)
        }
        return map
    }()

    /// Lead characters of typical mojibake; text without any is returned untouched quickly.
    static let markers: Set<Unicode.Scalar> = ["Ã", "Â", "Ð", "Ñ", "â", "Ê", "Ë", "Ø", "Ù", "Å", "Ä", "Ç", "Î", "Ï"]

    /// The repaired text, or `text` itself when nothing needed (or could safely get) repair.
    public static func repair(_ text: String) -> String {
        // Every marker is in U+00C0…U+00FF, written C3 xx in UTF-8: without a C3 byte there is none.
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(0xC3) }) ?? true,
              text.unicodeScalars.contains(where: { markers.contains($0) }) else { return text }
        var output = String.UnicodeScalarView()
        var run: [UInt8] = []
        var runScalars: [Unicode.Scalar] = []
        func flush() {
            if !run.isEmpty, run.contains(where: { $0 >= 0xC0 }), let fixed = String(validating: run, as: UTF8.self) {
                output.appendEach(fixed.unicodeScalars)
            } else {
                output.appendEach(runScalars)
            }
            run = []
            runScalars = []
        }
        for scalar in text.unicodeScalars {
            if let byte = byte(for: scalar) {
                // ASCII ends a run unless it sits inside a word (mojibake often spans whole words).
                if byte < 0x80 && (byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) {
                    flush()
                    output.append(scalar)
                    continue
                }
                run.append(byte)
                runScalars.append(scalar)
            } else {
                flush()
                output.append(scalar)
            }
        }
        flush()
        return String(output)
    }

    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 { return UInt8(scalar.value) }
        if scalar.value >= 0xA0 && scalar.value <= 0xFF { return UInt8(scalar.value) }
        if scalar.value >= 0x80 && scalar.value <= 0x9F { return UInt8(scalar.value) }
        return windows1252Reverse[scalar.value]
    }
}
