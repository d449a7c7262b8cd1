/// The model's data file: little-endian, fixed layout, so a training run reproduces it byte for byte.
///
///     "DSARIM02"                      8 bytes magic
///     bits, outputs, dense, messages  4 × UInt32
///     biases, scales                  2 × outputs Float32
///     dense weights                   dense × outputs Float32
///     calibration, threshold          calibrationCount + 1 Float64
///     weights                         (1 << bits) × outputs Int8
extension IntakeModel {
    static let magic = Array("DSARIM02".utf8)

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(weights.count + 256)
        func put32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        func put64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        put32(UInt32(bits))
        put32(UInt32(Self.outputs))
        put32(UInt32(Self.denseCount))
        put32(UInt32(trainingMessages))
        for value in biases + scales + denseWeights { put32(value.bitPattern) }
        for value in calibration + [threshold] { put64(value.bitPattern) }
        bytes.append(contentsOf: weights.map { UInt8(bitPattern: $0) })
        return bytes
    }

    /// Reads a data file; nil when it is not one this version can read.
    public init?(serialized bytes: [UInt8]) {
        var offset = 0
        func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }
        func get32() -> UInt32? {
            guard let slice = take(4) else { return nil }
            return slice.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        func get64() -> UInt64? {
            guard let slice = take(8) else { return nil }
            return slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        guard take(8).map(Array.init) == Self.magic,
              let bits = get32(), (8...24).contains(bits),
              get32() == UInt32(Self.outputs), get32() == UInt32(Self.denseCount),
              let messages = get32() else { return nil }
        var floats: [Float] = []
        for _ in 0..<(2 * Self.outputs + Self.denseCount * Self.outputs) {
            guard let value = get32() else { return nil }
            floats.append(Float(bitPattern: value))
        }
        var doubles: [Double] = []
        for _ in 0...Self.calibrationCount {
            guard let value = get64() else { return nil }
            doubles.append(Double(bitPattern: value))
        }
        let weightCount = (1 << Int(bits)) * Self.outputs
        guard let weightBytes = take(weightCount), offset == bytes.count else { return nil }
        self.init(
            bits: Int(bits), weights: weightBytes.map { Int8(bitPattern: $0) },
            scales: Array(floats[Self.outputs..<2 * Self.outputs]), biases: Array(floats[0..<Self.outputs]),
            denseWeights: Array(floats[(2 * Self.outputs)...]), calibration: Array(doubles[0..<Self.calibrationCount]),
            threshold: doubles[Self.calibrationCount], trainingMessages: Int(messages))
    }
}
