import Foundation
import Testing
@testable import MailIntake

/// RFC 3676 format=flowed: soft breaks joined, delsp's space removed, stuffing and quotes kept apart.
@Suite struct FlowedTextTests {
    @Test func softLinesJoinAndDelspRemovesTheBreakSpace() {
        let text = "Прошу уда \nлить мои \nданные.\nОльга"
        #expect(FlowedText.unflowed(text, deletingSpace: true) == "Прошу удалить моиданные.\nОльга")
        #expect(FlowedText.unflowed(text, deletingSpace: false) == "Прошу уда лить мои данные.\nОльга")
    }

    @Test func stuffingIsRemovedAndTheSignatureSeparatorStaysHard() {
        let text = " From the start: \nplease delete.\n-- \nOlga"
        #expect(FlowedText.unflowed(text, deletingSpace: false) == "From the start: please delete.\n-- \nOlga")
    }

    @Test func quotedLinesJoinOnlyWithinTheirDepth() {
        let text = "Yes, delete \nit all.\n> On Monday you \n> wrote: we keep \n>> older \ntext\n"
        #expect(FlowedText.unflowed(text, deletingSpace: false)
            == "Yes, delete it all.\n> On Monday you wrote: we keep \n>> older \ntext\n")
    }

    @Test func aHugeFlowedParagraphIsJoinedWhole() {
        // 200,000 one-letter soft lines: one paragraph of 200,000 letters (and no quadratic copying).
        let text = String(repeating: "a \n", count: 200_000) + "end"
        let unflowed = FlowedText.unflowed(text, deletingSpace: true)
        #expect(unflowed.utf8.count == 200_003)
        #expect(unflowed.hasSuffix("aaaend"))
    }

    @Test func aFlowedPartIsReadWhole() throws {
        let raw = """
            From: Olga <olga@example.ru>
            To: dpo@example.uz
            Subject: request
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8; format=Flowed; DelSp=Yes

            Здравствуйте! Прошу уда\u{20}
            лить мои данные.

            """
        let message = try MIMEParser.parse(Array(raw.utf8))
        #expect(message.textBody.contains("Прошу удалить мои данные."))
        let fixed = try MIMEParser.parse(Array(raw.replacingOccurrences(of: "; format=Flowed; DelSp=Yes", with: "").utf8))
        #expect(fixed.textBody.contains("Прошу уда \nлить"))
    }
}
