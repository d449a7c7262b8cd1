import DeskCore
import Foundation
import Testing
@testable import Letters

@Suite struct LetterRendererTests {
    /// What each letter must show beyond the common fields.
    static let specificMarkers: [LetterKind: [String]] = [
        .clarificationRequest: ["MARKER-QUESTION"],
        .extensionNotice: ["MARKER-EXTENSION-REASON"],
        .fulfilledAccess: ["MARKER-DISCLOSURE"],
        .fulfilledRectification: ["MARKER-CHANGE", "MARKER-RECIPIENT"],
        .fulfilledErasure: ["MARKER-ERASURE", "MARKER-RECIPIENT"],
        .fulfilledRestriction: ["MARKER-RESTRICTION"],
        .fulfilledPortability: ["MARKER-EXPORT"],
        .fulfilledObjection: ["MARKER-PURPOSE"],
        .partiallyFulfilled: ["MARKER-REFUSAL-NOTE", "MARKER-DISCLOSURE"],
        .refusalExemptionOther: ["MARKER-REFUSAL-NOTE"],
        .refusalManifestlyUnfounded: ["MARKER-REFUSAL-NOTE"],
        .refusalExcessive: ["MARKER-REFUSAL-NOTE"],
        .refusalNoDataHeld: ["MARKER-REFUSAL-NOTE"],
        .refusalLegalObligationToRetain: ["MARKER-REFUSAL-NOTE", "MARKER-RETENTION-LAW", "MARKER-RETENTION-PERIOD"],
        .restrictionLiftNotice: ["MARKER-LIFT-REASON"],
        .recipientNotification: ["MARKER-RECIPIENT-NAME", "MARKER-CHANGE", "MARKER-ERASURE"],
    ]

    @Test(arguments: Language.allCases)
    func everyLetterRendersCompletely(language: Language) throws {
        let renderer = try LettersFixtures.renderer()
        let context = LettersFixtures.filledContext()
        for kind in LetterKind.allCases {
            let letter = try renderer.render(kind, language: language, context: context)
            let where_ = "\(language.rawValue)/\(kind.rawValue)"
            #expect(!letter.text.contains("{{") && !letter.text.contains("}}"), "leftover tag in \(where_)")
            #expect(!letter.subject.isEmpty && letter.subject.contains("DSAR-2026-000123"), "subject of \(where_)")
            var required = [
                "DSAR-2026-000123", "MARKER-ORGANISATION", "MARKER-ADDRESS",
                "MARKER-DPO", "dpo@example.uz", "+998 71 200 00 00", "Dilnoza Karimova",
                LetterDate.format("2026-11-02", language: language),
                LetterDate.format("2026-11-23", language: language),
            ]
            // The third party is not told the requester's right, deadline or its legal basis (issue 14 item 8).
            let deadlines = [
                LegalSource.localised("ZRU-547 art. 30", language: language),
                LetterDate.format("2026-11-12", language: language),
                LetterDate.format("2026-12-14", language: language),
            ]
            if kind == .recipientNotification {
                for hidden in deadlines + [RightName.name(of: .access, language: language)] {
                    #expect(!letter.text.contains(hidden), "\(hidden) shown to the third party in \(where_)")
                }
            } else {
                required += deadlines
            }
            if kind != .recipientNotification { required.append("MARKER-AUTHORITY") }
            required += Self.specificMarkers[kind] ?? []
            for marker in required {
                #expect(letter.text.contains(marker), "\(marker) missing from \(where_)")
            }
            #expect(letter.html.contains("DSAR-2026-000123"))
            #expect(letter.language == language && letter.kind == kind)
        }
    }

    /// A tag the context does not provide renders as nothing in Mustache; catch it at the source.
    @Test func everyTemplateTagIsAContextKey() throws {
        let renderer = try LettersFixtures.renderer()
        // `policy_<code>` is set for the letter's policy only; templates may test any shipped one.
        let keys = Set(LetterRenderer.mustacheValues(for: LettersFixtures.filledContext(), language: .english).keys)
            .union(["policy_uz", "policy_uz_state", "policy_gdpr", "policy_ru"])
        let partials: Set<String> = ["letterhead", "addressee", "reference", "signature", "complaint"]
        let tag = try Regex(#"\{\{\{?\s*([#^/>&!%]?)\s*([^}\s]*)[^}]*\}\}\}?"#)
        for (language, files) in renderer.sources {
            for (name, source) in files {
                for match in source.matches(of: tag) {
                    let sigil = match.output[1].substring.map(String.init) ?? ""
                    let key = match.output[2].substring.map(String.init) ?? ""
                    switch sigil {
                    case "!", "%": continue
                    case ">": #expect(partials.contains(key), "unknown partial \(key) in \(language.rawValue)/\(name)")
                    default:
                        if key == "." { continue }
                        #expect(keys.contains(key), "unknown key \(key) in \(language.rawValue)/\(name)")
                    }
                }
            }
        }
    }

    @Test func notExtendedLettersOmitTheExtendedDate() throws {
        let renderer = try LettersFixtures.renderer()
        let context = LettersFixtures.filledContext(extended: false)
        for language in Language.allCases {
            let letter = try renderer.render(.acknowledgement, language: language, context: context)
            #expect(!letter.text.contains(LetterDate.format("2026-12-14", language: language)))
            #expect(letter.text.contains(LetterDate.format("2026-11-12", language: language)))
        }
    }

    @Test func requesterTextIsEscapedInHTMLAndIntactInText() throws {
        let renderer = try LettersFixtures.renderer()
        var context = LettersFixtures.filledContext()
        let name = "<script>alert(1)</script> O‘Brien"
        context.requesterName = name
        context.clarificationQuestion = "Which \"account\" & <b>which</b> years?"
        for language in Language.allCases {
            let letter = try renderer.render(.clarificationRequest, language: language, context: context)
            #expect(letter.text.contains(name))
            #expect(letter.text.contains("Which \"account\" & <b>which</b> years?"))
            #expect(!letter.html.contains("<script>"))
            #expect(!letter.html.contains("<b>which"))
            #expect(letter.html.contains("&lt;script&gt;alert(1)&lt;/script&gt; O‘Brien"))
            #expect(letter.html.contains("&quot;account&quot; &amp; &lt;b&gt;which&lt;/b&gt;"))
        }
    }

    @Test func salutationsAndRegister() throws {
        let renderer = try LettersFixtures.renderer()
        let context = LettersFixtures.filledContext()
        let expected: [Language: String] = [
            .uzbekLatin: "Hurmatli Dilnoza Karimova!",
            .uzbekCyrillic: "Ҳурматли Dilnoza Karimova!",
            .russian: "Уважаемый(ая) Dilnoza Karimova!",
            .english: "Dear Dilnoza Karimova,",
        ]
        for (language, salutation) in expected {
            let letter = try renderer.render(.acknowledgement, language: language, context: context)
            #expect(letter.text.contains(salutation), "\(language.rawValue)")
        }
    }

    @Test func uzbekCyrillicTemplatesHaveNoLatinOutsideTags() throws {
        let renderer = try LettersFixtures.renderer()
        let files = try #require(renderer.sources[.uzbekCyrillic])
        #expect(files.count >= LetterKind.allCases.count)
        let tag = try Regex(#"\{\{\{?[^}]*\}\}\}?"#)
        for (name, source) in files {
            let body = source.hasPrefix("Subject: ") ? String(source.dropFirst("Subject: ".count)) : source
            let outside = body.replacing(tag, with: "")
            let latin = outside.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            #expect(latin.isEmpty, "Latin letters \(String(String.UnicodeScalarView(latin))) in uz-Cyrl/\(name)")
        }
    }

    @Test func uzbekLatinUsesTheProperApostrophes() throws {
        let renderer = try LettersFixtures.renderer()
        for (name, source) in try #require(renderer.sources[.uzbekLatin]) {
            for wrong in ["'", "‘", "’", "`"] {
                #expect(!source.contains(wrong), "\(wrong) in uz/\(name)")
            }
        }
    }

    @Test func datesPerLanguage() {
        #expect(LetterDate.format("2026-11-23", language: .uzbekLatin) == "2026-yil 23-noyabr")
        #expect(LetterDate.format("2026-11-23", language: .uzbekCyrillic) == "2026 йил 23 ноябрь")
        #expect(LetterDate.format("2026-11-23", language: .russian) == "23 ноября 2026 г.")
        #expect(LetterDate.format("2026-03-01", language: .english) == "1 March 2026")
        #expect(LetterDate.format("not a date", language: .english) == "not a date")
    }

    @Test func legalSourcesPerLanguage() {
        // As a lawyer cites them (issue 14 item 1).
        let table: [(String, Language, String)] = [
            ("ZRU-547 art. 30", .uzbekLatin, "OʻRQ-547-son Qonunning 30-moddasi"),
            ("ZRU-547 art. 17, 30, 31", .uzbekLatin, "OʻRQ-547-son Qonunning 17, 30 va 31-moddalari"),
            ("ZRU-547 art. 22, 30", .uzbekCyrillic, "ЎРҚ-547-сон Қонуннинг 22 ва 30-моддалари"),
            ("ZRU-445 art. 28", .uzbekCyrillic, "ЎРҚ-445-сон Қонуннинг 28-моддаси"),
            ("152-FZ art. 14(3)", .uzbekLatin, "Rossiya Federatsiyasining 152-FZ-son Federal qonunining 14-moddasi 3-qismi"),
            ("152-FZ art. 14", .russian, "ст. 14 Федерального закона № 152-ФЗ «О персональных данных»"),
            ("152-FZ art. 14(3)", .russian, "ч. 3 ст. 14 Федерального закона № 152-ФЗ «О персональных данных»"),
            ("152-FZ art. 14, 20", .russian, "ст. 14 и 20 Федерального закона № 152-ФЗ «О персональных данных»"),
            ("ZRU-547 art. 30", .russian, "ст. 30 Закона Республики Узбекистан № ЗРУ-547 «О персональных данных»"),
            ("GDPR art. 12(3)", .english, "Article 12(3) GDPR"),
            ("GDPR art. 12(3)", .russian, "п. 3 ст. 12 Общего регламента ЕС по защите данных (GDPR)"),
            ("152-FZ art. 21(5.1)", .english, "Article 21(5.1) of Federal Law No. 152-FZ on Personal Data"),
            ("ZRU-547 art. 11", .english, "Article 11 of Law No. ZRU-547 of the Republic of Uzbekistan on Personal Data"),
            ("ZRU-547 art. 17, 30", .english, "Articles 17 and 30 of Law No. ZRU-547 of the Republic of Uzbekistan on Personal Data"),
            ("Internal rule 4", .russian, "Internal rule 4"),
            ("none (ZRU-547 has no right to data portability)", .uzbekLatin, "none (ZRU-547 has no right to data portability)"),
        ]
        for (source, language, expected) in table {
            #expect(LegalSource.localised(source, language: language) == expected, "\(source) in \(language.rawValue)")
        }
    }

    @Test func kindSelection() {
        #expect(LetterKind.fulfilled(.portability) == .fulfilledPortability)
        #expect(LetterKind.refusal(ground: .noDataHeld) == .refusalNoDataHeld)
        for ground in RefusalGround.allCases {
            #expect(LetterKind.refusal(ground: ground).rawValue == "refusal_" + ground.rawValue)
        }
        #expect(LetterKind.named("refusal", right: .access, ground: nil) == .refusalExemptionOther)
        #expect(LetterKind.required(by: .event(.clarify)) == .clarificationRequest)
        #expect(LetterKind.required(by: .event(.start)) == nil)
        #expect(LetterKind.named("fulfilled", right: .erasure, ground: nil) == .fulfilledErasure)
        #expect(LetterKind.named("extension-notice", right: .erasure, ground: nil) == .extensionNotice)
    }

    @Test func footerIsAppendedAfterTheBody() throws {
        let renderer = try LettersFixtures.renderer()
        let letter = try renderer.render(.acknowledgement, language: .english, context: LettersFixtures.filledContext())
        let line = LetterRenderer.footer(verificationCode: "ABCD-EFGH-JKLM", language: .english)
        #expect(line == "Verification code: ABCD-EFGH-JKLM — check with `dsar letter verify ABCD-EFGH-JKLM`.")
        let signed = letter.appendingFooter(line)
        #expect(signed.text.hasPrefix(letter.text))
        #expect(signed.text.hasSuffix(line + "\n"))
        #expect(signed.html.contains("ABCD-EFGH-JKLM`.</p>\n</body>"))
    }

    @Test func missingDirectoryIsAnError() {
        #expect(throws: LettersError.self) {
            try LetterRenderer(templatesDirectory: URL(fileURLWithPath: "/nonexistent/templates"))
        }
    }
}

@Suite struct UzbekCyrillicFallbackTests {
    /// A private copy of the project's templates to change; the caller removes it.
    static func templatesCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("letters-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LettersFixtures.templatesDirectory, to: copy)
        return copy
    }

    /// A hand-written uz-Cyrl file wins over the transliteration of the uz one.
    @Test func handWrittenCyrillicPartialOverridesTransliteration() throws {
        let copy = try Self.templatesCopy()
        defer { try? FileManager.default.removeItem(at: copy) }
        let partials = copy.appendingPathComponent("uz-Cyrl/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "Ҳурмат ва эҳтиром билан,\n{{dpo_name}}\n".write(
            to: partials.appendingPathComponent("signature.mustache"), atomically: true, encoding: .utf8)

        let renderer = try LetterRenderer(templatesDirectory: copy)
        let context = LettersFixtures.filledContext()
        let cyrillic = try renderer.render(.acknowledgement, language: .uzbekCyrillic, context: context)
        #expect(cyrillic.text.contains("Ҳурмат ва эҳтиром билан,\nMARKER-DPO"))
        // The other letters and partials still come from the transliterated uz files.
        #expect(cyrillic.text.contains("Ҳурматли Dilnoza Karimova!"))
        let latin = try renderer.render(.acknowledgement, language: .uzbekLatin, context: context)
        #expect(latin.text.contains("Hurmat bilan,"))
    }

    @Test func missingTemplateIsReported() throws {
        let copy = try Self.templatesCopy()
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("ru/refusal_excessive.mustache"))
        #expect(throws: LettersError.templateMissing("ru/refusal_excessive")) {
            try LetterRenderer(templatesDirectory: copy)
        }
    }

    /// A renderer for some kinds (the intake's, a lifecycle step's) renders them exactly as the
    /// full one does, in every language, needs only their files, and refuses the other kinds.
    @Test func rendererForSomeKindsRendersThemAndRefusesTheRest() throws {
        let copy = try Self.templatesCopy()
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("ru/refusal_excessive.mustache"))
        let full = try LettersFixtures.renderer()
        let some = try LetterRenderer(templatesDirectory: copy, kinds: [.acknowledgement])
        let context = LettersFixtures.filledContext()
        for language in Language.allCases {
            #expect(try some.render(.acknowledgement, language: language, context: context)
                == full.render(.acknowledgement, language: language, context: context))
        }
        #expect(throws: LettersError.templateMissing("en/fulfilled_access")) {
            try some.render(.fulfilledAccess, language: .english, context: context)
        }
    }
}

/// Issue 14: a withdrawal of consent says what was destroyed or why it is kept, and what follows;
/// letters promise a pause of the term only where the law has one.
@Suite struct LawWordingTests {
    @Test(arguments: Language.allCases)
    func withdrawalLetterSaysWhetherTheDataWasDestroyedOrKept(language: Language) throws {
        let renderer = try LettersFixtures.renderer()
        var context = LettersFixtures.filledContext(extended: false, right: .objection)
        context.isConsentWithdrawal = true
        let both = try renderer.render(.fulfilledObjection, language: language, context: context).text
        #expect(both.contains("MARKER-ERASURE") && both.contains("MARKER-RETENTION-GROUND"))
        context.erasures = []
        context.retentionGround = nil
        let neither = try renderer.render(.fulfilledObjection, language: language, context: context).text
        #expect(!neither.contains("MARKER-ERASURE") && !neither.contains("MARKER-RETENTION-GROUND"))
        context.isConsentWithdrawal = false
        context.erasures = ["MARKER-ERASURE"]
        let objection = try renderer.render(.fulfilledObjection, language: language, context: context).text
        #expect(!objection.contains("MARKER-ERASURE"), "a plain objection lists no destruction")
    }

    @Test(arguments: Language.allCases)
    func noPauseIsPromisedWhereTheLawHasNone(language: Language) throws {
        let renderer = try LettersFixtures.renderer()
        var context = LettersFixtures.filledContext(extended: false)
        let pausing = try renderer.render(.clarificationRequest, language: language, context: context).text
        context.clarificationClock = .runs
        context.identityPausesClock = false
        context.policyName = "ru"
        for kind in [LetterKind.acknowledgement, .clarificationRequest, .identityRequest] {
            let text = try renderer.render(kind, language: language, context: context).text
            for phrase in ["not counted", "не засчитывается", "qoʻshilmaydi", "қўшилмайди", "qoʻshiladi", "қўшилади"] {
                #expect(!text.contains(phrase), "\(language.rawValue)/\(kind.rawValue) promises a pause under 152-FZ")
            }
        }
        #expect(pausing != (try renderer.render(.clarificationRequest, language: language, context: context).text))
    }

    @Test(arguments: Language.allCases)
    func theRussianIdentityRequestAsksWhatArticle14Part3Requires(language: Language) throws {
        let renderer = try LettersFixtures.renderer()
        var context = LettersFixtures.filledContext(extended: false)
        context.policyName = "ru"
        let text = try renderer.render(.identityRequest, language: language, context: context).text
        let expected: [Language: [String]] = [
            .russian: ["номер основного документа", "дате его выдачи и выдавшем его органе", "участие в отношениях", "подпись"],
            .english: ["number of your main identity document", "the authority that issued it", "relationship with us", "signature"],
            .uzbekLatin: ["asosiy hujjatning raqami", "berilgan sana", "munosabatlaringizni", "imzo"],
            .uzbekCyrillic: ["асосий ҳужжатнинг рақами", "берилган сана", "муносабатларингизни", "имзо"],
        ]
        for phrase in expected[language] ?? [] { #expect(text.contains(phrase), "\(phrase) in \(language.rawValue)") }
        context.policyName = "uz"
        #expect(!(try renderer.render(.identityRequest, language: language, context: context).text).contains(expected[language]?[0] ?? "-"))
    }

    @Test func noRussianLetterEndsADateWithTwoFullStops() throws {
        let renderer = try LettersFixtures.renderer()
        for kind in LetterKind.allCases {
            for extended in [true, false] {
                let text = try renderer.render(kind, language: .russian, context: LettersFixtures.filledContext(extended: extended)).text
                #expect(!text.contains("г.."), "ru/\(kind.rawValue)")
            }
        }
    }
}
