import Testing
@testable import MailIntake

@Suite struct HTMLTextTests {
    @Test func tagsScriptsStylesAndEntities() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><script>alert('x')</script>"
            + "<p>Salom&nbsp;dunyo &amp; do&#x2BB;stlar</p><!-- hidden --><div>Ikkinchi<br>qator</div>"
            + "<ul><li>bir</li><li>ikki</li></ul> &unknown; &#8212;</body></html>"
        #expect(HTMLText.text(from: html) == "Salom dunyo & doʻstlar\n\nIkkinchi\nqator\n\nbir\nikki\n\n&unknown; —")
    }

    @Test func unclosedTagsDoNotHang() {
        #expect(HTMLText.text(from: "<p>text <b") == "text")
        #expect(HTMLText.text(from: "<script>never closed") == "")
    }
}

@Suite struct MojibakeRepairTests {
    @Test(arguments: [
        ("maÊ¼lumot", "maʼlumot"),
        ("soâ€™rov", "so’rov"),
        ("Ð£Ð´Ð°Ð»Ð¸Ñ‚Ðµ", "Удалите"),
        ("Ð£Ð´Ð°Ð»Ð¸Ñ‚Ðµ Ð¼Ð¾Ð¸ Ð´Ð°Ð½Ð½Ñ‹Ðµ", "Удалите мои данные"),
        ("Proper Удалите and soâ€™rov", "Proper Удалите and so’rov"),
    ])
    func repairs(broken: String, fixed: String) {
        #expect(MojibakeRepair.repair(broken) == fixed)
    }

    @Test(arguments: ["Müller", "Café Ñandú", "Â", "plain ascii", "Ðx", "naïve résumé"])
    func leavesRealTextAlone(text: String) {
        #expect(MojibakeRepair.repair(text) == text)
    }

    @Test func fixtureBodiesAreRepaired() throws {
        let uzbek = try FixtureSupport.parse("uz_mojibake.eml")
        #expect(uzbek.textBody.contains("so’rovim: barcha shaxsiy maʼlumotlarimni o‘chirib"))
        #expect(uzbek.warnings.contains("mojibake repaired in body"))
        let russian = try FixtureSupport.parse("ru_mojibake.eml")
        #expect(russian.textBody.hasPrefix("Удалите мои данные, пожалуйста."))
    }
}

@Suite struct QuotedTextStripperTests {
    @Test(arguments: [
        ("Thanks!\n\nOn Tue, 3 Mar 2026 at 10:00, DPO <dpo@x.uz> wrote:\n> delete", "Thanks!"),
        ("Thanks!\nOn Tue, 3 Mar 2026 at 10:00, DPO Desk\n<dpo@x.uz> wrote:\n> delete", "Thanks!"),
        ("Спасибо.\n6 марта 2026 г., DPO <dpo@x.uz> пишет:\n> удалить", "Спасибо."),
        ("Rahmat.\n2026-yil 3-mart, DPO yozdi:\n> o'chirish", "Rahmat."),
        ("Ок.\n-----Original Message-----\nFrom: x\ndelete", "Ок."),
        ("Yes.\n\n________________________________\nFrom: DPO\nSent: today\ndelete", "Yes."),
        ("Top\n> quoted line\nbottom", "Top\nbottom"),
        ("Nothing quoted here.", "Nothing quoted here."),
        ("Спасибо!\n\nпт, 6 мар. 2026 г. в 12:00, DPO <dpo@x.uz>:\nПросим удалить", "Спасибо!"),
        ("Ок\nОт: DPO <dpo@x.uz>\nОтправлено: 6 марта 2026 г.\nТема: удаление", "Ок"),
        ("Fine.\nFrom: DPO\nSent: Monday\nSubject: erase", "Fine."),
        ("From: me is how I sign\nDelete my data", "From: me is how I sign\nDelete my data"),
    ])
    func strips(text: String, expected: String) {
        #expect(QuotedTextStripper.strip(text) == expected)
    }
}

@Suite struct ReferenceScannerTests {
    @Test(arguments: [
        ("Re: [DSAR-2026-000123] Acknowledgement", ["DSAR-2026-000123"]),
        ("your case dsar-2026-45, see also DSAR_2026_000046", ["DSAR-2026-000045", "DSAR-2026-000046"]),
        ("Ref: Dsar 2026 000321.", ["DSAR-2026-000321"]),
        ("DSAR–2026–000777 and again DSAR-2026-000777", ["DSAR-2026-000777"]),
        ("XDSAR-2026-000001 DSAR-26-1 DSAR-2026-0000012345 DSAR-2026-", []),
        ("no reference", []),
    ])
    func finds(text: String, expected: [String]) {
        #expect(ReferenceScanner.references(in: text) == expected)
    }
}

/// The text the classifier reads: a forward keeps the letter it passes on (issue 13).
@Suite struct RequestTextTests {
    @Test func aForwardKeepsTheForwardedLetter() {
        let body = """
            Hi, sales got this, looks like it's for you.

            -----Original Message-----
            From: Bobur Aliev <bobur@example.uz>
            Sent: Monday, February 23, 2026 6:42 PM
            Subject: request

            I would like to know what personal data about me you hold.
            > and a quoted line
            """
        let forwarded = QuotedTextStripper.requestText(body, subject: "FW: Customer letter")
        #expect(forwarded.contains("what personal data about me you hold"))
        #expect(forwarded.contains("and a quoted line"))
        #expect(!forwarded.contains("Original Message"))
        #expect(!forwarded.contains("bobur@example.uz"))
        // A reply loses its quoted part as before.
        let reply = QuotedTextStripper.requestText(body, subject: "Re: Customer letter")
        #expect(reply == QuotedTextStripper.strip(body))
        #expect(!reply.contains("personal data"))
    }

    @Test func forwardSubjects() {
        for subject in ["FW: x", "Fwd: Re: x", "Re: Fwd: x", "Пересл: x", "fwd : x"] {
            #expect(QuotedTextStripper.isForward(subject: subject), "\(subject)")
        }
        for subject in ["Re: x", "Forward my data", "Ответ: x", ""] {
            #expect(!QuotedTextStripper.isForward(subject: subject), "\(subject)")
        }
    }
}
