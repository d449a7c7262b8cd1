import DeskCore
import Foundation
import Testing

@Suite struct VerificationCodeTests {
    let hash = SHA256.hex("Dear Dilnoza,\n")

    @Test func codeIsTwelveBase32CharactersInThreeGroups() {
        let code = VerificationCode.code(sha256Hex: hash)
        #expect(code.count == 14)
        let groups = code.split(separator: "-")
        #expect(groups.count == 3 && groups.allSatisfy { $0.count == 4 })
        #expect(code.allSatisfy { $0 == "-" || "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
    }

    @Test func codeIsTheFirstSixtyBitsOfTheDigest() {
        // SHA-256("abc") = ba7816bf…; base32 of 0xba 0x78 0x16 0xbf 0x8f … = XJ4BNP4P…
        let abc = SHA256.hex("abc")
        #expect(VerificationCode.code(sha256Hex: abc).hasPrefix("XJ4B-NP4P"))
    }

    @Test func laterAttemptsGiveOtherCodes() {
        let codes = Set((0..<5).map { VerificationCode.code(sha256Hex: hash, attempt: $0) })
        #expect(codes.count == 5)
        #expect(VerificationCode.code(sha256Hex: hash, attempt: 2) == VerificationCode.code(sha256Hex: hash, attempt: 2))
    }

    @Test(arguments: [
        ("abcd-efgh-jk23", "ABCD-EFGH-JK23"), ("ABCDEFGHJK23", "ABCD-EFGH-JK23"), ("abcd efgh jk23", "ABCD-EFGH-JK23"),
    ])
    func typedCodesAreNormalised(typed: String, printed: String) {
        #expect(VerificationCode.normalised(typed) == printed)
    }

    @Test(arguments: ["ABCD-EFGH-JK21", "ABCD-EFGH", "", "ABCD-EFGH-JK23X", "DSAR-2026-000123"])
    func malformedCodesAreRejected(typed: String) {
        #expect(VerificationCode.normalised(typed) == nil)
    }

    @Test func splitRecoversTheHashedBody() {
        let body = "Subject line\n\nDear Dilnoza,\n- one\n- two\n"
        let code = VerificationCode.code(sha256Hex: SHA256.hex(body))
        let letter = body + "\n" + "Verification code: \(code) — check with `dsar letter verify \(code)`." + "\n"
        let split = VerificationCode.split(letterText: letter)
        #expect(split?.body == body)
        #expect(split?.code == code)
        #expect(VerificationCode.split(letterText: letter.replacingOccurrences(of: "\n", with: "\r\n"))?.body == body)
        #expect(VerificationCode.split(letterText: body) == nil)
    }

    @Test func referencesAreNotTakenForCodes() {
        #expect(VerificationCode.split(letterText: "Reference: DSAR-2026-000123\n") == nil)
    }
}
