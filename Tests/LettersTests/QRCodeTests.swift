import Foundation
import Letters
import Testing

/// The QR encoder against a reference decoder: zbarimg (Debian's zbar-tools) must read back
/// exactly the text that was encoded, for every version the encoder makes.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg"), "zbarimg is missing; run scripts/ensure-deps.sh"))
struct QRCodeTests {
    static func decode(_ png: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--quiet", "--raw", "-Sbinary", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    @Test(arguments: [
        "https://privacy.example.uz/verify/ABCD-EFGH-JK23",
        "A",
        String(repeating: "0123456789", count: 5),
        "https://privacy.itpark.uz/verify/" + String(repeating: "Q", count: 70),
        "Oʻzbekiston — проверка ✓ " + String(repeating: "x", count: 120),
        String(repeating: "z", count: 213),
    ])
    func zbarReadsWhatWasEncoded(_ text: String) throws {
        let code = try QRCode(text)
        #expect(code.size == code.version * 4 + 17)
        #expect(try Self.decode(code.png(scale: 4)) == text)
    }

    @Test func versionsGrowWithTheText() throws {
        #expect(try QRCode("A").version == 1)
        #expect(try QRCode(String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(String(repeating: "a", count: 213)).version == 10)
        #expect(throws: QRCode.EncodingError.self) { try QRCode(String(repeating: "a", count: 214)) }
    }

    @Test func svgDrawsEveryDarkModule() throws {
        let code = try QRCode("https://privacy.example.uz/verify/ABCD-EFGH-JK23")
        let svg = code.svg()
        let dark = code.modules.reduce(0) { $0 + $1.filter { $0 }.count }
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }
}
