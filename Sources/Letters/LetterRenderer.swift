public import DeskCore
public import Foundation
import Mustache

/// Loads the letter templates of `Templates/` and renders letters in the four languages.
///
/// Layout (see `Templates/README.md`): `Templates/<lang>/<letter>.mustache`, partials in
/// `Templates/<lang>/partials/<name>.mustache` used as `{{> name}}`. The first line of each
/// letter template is `Subject: …`. A missing `uz-Cyrl` template or partial is made from the
/// `uz` one by `UzbekTransliterator` at load time.
///
/// Templates are rendered as plain text (no Mustache escaping); the HTML page is built from the
/// finished text and escapes all of it, so requester input can never become markup.
public struct LetterRenderer: Sendable {
    struct CompiledLetter: Sendable {
        var subject: MustacheTemplate
        var body: MustacheTemplate
    }

    /// The languages that must have a full template set on disk.
    static let sourceLanguages: [Language] = [.uzbekLatin, .russian, .english]
    /// Every template is compiled as text: `{{x}}` is not HTML-escaped (HTML is escaped later).
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    private var letters: [Language: [LetterKind: CompiledLetter]] = [:]
    private var libraries: [Language: MustacheLibrary] = [:]
    /// Template sources after transliteration, for inspection and tests.
    private(set) var sources: [Language: [String: String]] = [:]

    /// Loads and compiles the templates of `kinds` (every kind when nil) and all partials; throws
    /// `LettersError` when one of them is missing or invalid. A command that produces one kind of
    /// letter compiles only that kind: compiling all 23 kinds in four languages took about 80 ms,
    /// most of a short command's time and a tenth of a 2,000-message import's.
    public init(templatesDirectory: URL, kinds: Set<LetterKind>? = nil) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: templatesDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LettersError.templatesDirectoryMissing(templatesDirectory.path)
        }
        var raw: [Language: [String: String]] = [:]
        for language in Language.allCases {
            raw[language] = Self.readSources(in: templatesDirectory.appendingPathComponent(language.rawValue))
        }
        /// A file this renderer compiles: every partial, and the letters of `kinds`.
        func wanted(_ name: String) -> Bool {
            guard let kinds else { return true }
            return name.hasPrefix("partials/") || LetterKind(rawValue: name).map(kinds.contains) == true
        }
        // uz-Cyrl: hand-written files win, the rest is transliterated from uz.
        var cyrillic = raw[.uzbekCyrillic] ?? [:]
        for (name, source) in raw[.uzbekLatin] ?? [:] where cyrillic[name] == nil && wanted(name) {
            cyrillic[name] = Self.transliterateTemplate(source)
        }
        raw[.uzbekCyrillic] = cyrillic
        sources = raw

        for language in Language.allCases {
            let files = raw[language] ?? [:]
            var library = MustacheLibrary()
            for (name, source) in files where name.hasPrefix("partials/") {
                let partialName = String(name.dropFirst("partials/".count))
                do {
                    try library.register(Self.textPragma + source, named: partialName)
                } catch {
                    throw LettersError.templateInvalid("\(language.rawValue)/\(name)")
                }
            }
            libraries[language] = library
            var compiled: [LetterKind: CompiledLetter] = [:]
            for kind in LetterKind.allCases where kinds?.contains(kind) ?? true {
                let id = "\(language.rawValue)/\(kind.rawValue)"
                guard let source = files[kind.rawValue] else { throw LettersError.templateMissing(id) }
                let (subject, body) = try Self.splitSubject(source, id: id)
                do {
                    compiled[kind] = CompiledLetter(
                        subject: try MustacheTemplate(string: Self.textPragma + subject),
                        body: try MustacheTemplate(string: Self.textPragma + body)
                    )
                } catch {
                    throw LettersError.templateInvalid(id)
                }
            }
            letters[language] = compiled
        }
    }

    /// Renders `kind` in `language`.
    public func render(_ kind: LetterKind, language: Language, context: LetterContext) throws -> RenderedLetter {
        let (subject, text) = try renderText(kind, language: language, context: context)
        let html = HTMLPage.page(subject: subject, text: text, language: language)
        return RenderedLetter(subject: subject, text: text, html: html, language: language, kind: kind)
    }

    /// The subject and plain text of `kind` in `language`, without the HTML page: what the desk
    /// records of a letter (the intake's acknowledgements, rendered by the batch).
    public func renderText(_ kind: LetterKind, language: Language, context: LetterContext) throws -> (subject: String, text: String) {
        guard let compiled = letters[language]?[kind] else {
            throw LettersError.templateMissing("\(language.rawValue)/\(kind.rawValue)")
        }
        let values = Self.mustacheValues(for: context, language: language)
        let library = libraries[language]
        let subject = compiled.subject.render(values, library: library)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return (subject, Self.tidy(compiled.body.render(values, library: library)))
    }

    /// The localised verification line the caller appends after hashing the body.
    public static func footer(verificationCode: String, language: Language, publicURL: String? = nil) -> String {
        if let url = verificationURL(publicURL: publicURL, code: verificationCode) {
            switch language {
            case .uzbekLatin:
                return "Tekshirish kodi: \(verificationCode) — haqiqiyligini \(url) sahifasida tekshiring."
            case .uzbekCyrillic:
                return "Текшириш коди: \(verificationCode) — ҳақиқийлигини \(url) саҳифасида текширинг."
            case .russian:
                return "Код проверки: \(verificationCode) — подлинность письма можно проверить на странице \(url)."
            case .english:
                return "Verification code: \(verificationCode) — check it at \(url)."
            }
        }
        switch language {
        case .uzbekLatin:
            return "Tekshirish kodi: \(verificationCode) — haqiqiyligini `dsar letter verify \(verificationCode)` buyrugʻi bilan tekshiring."
        case .uzbekCyrillic:
            return "Текшириш коди: \(verificationCode) — ҳақиқийлигини `dsar letter verify \(verificationCode)` буйруғи билан текширинг."
        case .russian:
            return "Код проверки: \(verificationCode) — подлинность письма можно проверить командой `dsar letter verify \(verificationCode)`."
        case .english:
            return "Verification code: \(verificationCode) — check with `dsar letter verify \(verificationCode)`."
        }
    }

    /// The portal's page for a code (`portal.public_url` + `/verify/CODE`), when the desk has a portal.
    public static func verificationURL(publicURL: String?, code: String) -> String? {
        guard var base = publicURL?.trimmingCharacters(in: .whitespacesAndNewlines), !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/verify/" + code
    }

    // MARK: - Loading

    private static func readSources(in directory: URL) -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for (prefix, folder) in [("", directory), ("partials/", directory.appendingPathComponent("partials"))] {
            guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasSuffix(".mustache") {
                let url = folder.appendingPathComponent(name)
                guard let data = fm.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else { continue }
                result[prefix + String(name.dropLast(".mustache".count))] = text
            }
        }
        return result
    }

    /// Transliterates a template, keeping the `Subject:` keyword of the first line in Latin.
    static func transliterateTemplate(_ source: String) -> String {
        let marker = "Subject: "
        if source.hasPrefix(marker) {
            return marker + UzbekTransliterator.toCyrillic(String(source.dropFirst(marker.count)))
        }
        return UzbekTransliterator.toCyrillic(source)
    }

    static func splitSubject(_ source: String, id: String) throws -> (subject: String, body: String) {
        let marker = "Subject: "
        guard source.hasPrefix(marker) else { throw LettersError.subjectLineMissing(id) }
        let afterMarker = source.dropFirst(marker.count)
        guard let newline = afterMarker.firstIndex(of: "\n") else { return (String(afterMarker), "") }
        var body = afterMarker[afterMarker.index(after: newline)...]
        while body.first == "\n" { body = body.dropFirst() }
        return (String(afterMarker[..<newline]), String(body))
    }

    /// Trailing spaces off, at most one blank line in a row, one final newline.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in TextLines.lines(text[...], omittingEmpty: false) {
            let trimmed = TextLines.trimmingTrailingBlanks(line)
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Context

    /// The desk's standing Uzbek Latin values (organisation, DPO, evidence lines, recipients) in
    /// Cyrillic for a uz-Cyrl letter (issue 14 item 10). Text written for this one letter (the
    /// question, reasons, notes) and the requester's own name and address stay as written.
    static func cyrillicValues(_ context: LetterContext) -> LetterContext {
        var c = context
        let t = UzbekTransliterator.toCyrillicValue
        c.organisationName = t(c.organisationName)
        c.organisationAddress = t(c.organisationAddress)
        c.dpoName = t(c.dpoName)
        // Free text only when it is Uzbek: an English line stays readable rather than garbled.
        let line: (String) -> String = { UzbekTransliterator.looksUzbekLatin($0) ? t($0) : $0 }
        c.recipientName = c.recipientName.map(line)
        c.disclosures = c.disclosures.map(line)
        c.changes = c.changes.map(line)
        c.erasures = c.erasures.map(line)
        c.restrictions = c.restrictions.map(line)
        c.exports = c.exports.map(line)
        c.stoppedPurposes = c.stoppedPurposes.map(line)
        c.notifiedRecipients = c.notifiedRecipients.map(line)
        return c
    }

    /// The Mustache context: snake_case keys, documented in `Templates/README.md`.
    /// Optional values are left out when absent so that `{{#key}}` sections disappear.
    static func mustacheValues(for context: LetterContext, language: Language) -> [String: Any] {
        let c = language == .uzbekCyrillic ? cyrillicValues(context) : context
        func date(_ d: String) -> String { LetterDate.format(d, language: language) }
        var values: [String: Any] = [
            "requester_name": c.requesterName,
            "requester_email": c.requesterEmail,
            "reference": c.reference,
            "right_name": RightName.name(of: c.right, consentWithdrawal: c.isConsentWithdrawal, language: language),
            "is_consent_withdrawal": c.isConsentWithdrawal,
            "received_date": date(c.receivedDate),
            "due_date": date(c.dueDate),
            "effective_due_date": date(c.extendedDueDate ?? c.dueDate),
            "is_extended": c.extendedDueDate != nil,
            "policy_name": c.policyName,
            "legal_source": LegalSource.localised(c.legalSource, language: language),
            "legal_source_as_given": c.legalSource,
            "basis_is_statute": c.basis == .statute,
            "own_term": TermText.text(c.term, language: language),
            "clock_pauses": c.clarificationClock == .pauses,
            "clock_restarts": c.clarificationClock == .restarts,
            "identity_pauses_clock": c.identityPausesClock,
            "authority_name": c.authorityName,
            "today": date(c.today),
            "organisation_name": c.organisationName,
            "organisation_address": c.organisationAddress,
            "dpo_name": c.dpoName,
            "dpo_email": c.dpoEmail,
            "disclosures": c.disclosures,
            "changes": c.changes,
            "erasures": c.erasures,
            "restrictions": c.restrictions,
            "exports": c.exports,
            "stopped_purposes": c.stoppedPurposes,
            "objection_overridden": c.objectionOverridden,
            "recipients": c.notifiedRecipients,
        ]
        let optionals: [String: String?] = [
            "extended_due_date": c.extendedDueDate.map(date),
            "dpo_phone": c.dpoPhone,
            "question": c.clarificationQuestion,
            "extension_reason": c.extensionReason,
            "refusal_note": c.refusalNote,
            "retention_ground": c.retentionGround,
            "retention_law": c.retentionLaw,
            "retention_period": c.retentionPeriod,
            "recipient_name": c.recipientName,
            "lift_reason": c.liftReason,
            "lift_date": c.liftDate.map(date),
            "backup_overwrite_date": c.backupOverwriteDate.map(date),
            "status_text": c.statusText,
            "waiting_days": c.waitingDays.map(String.init),
        ]
        // `policy_uz`, `policy_ru`, `policy_gdpr`, `policy_uz_state`: wording a law requires of one policy.
        values["policy_" + c.policyName.replacingOccurrences(of: "-", with: "_")] = true
        for (key, value) in optionals {
            if let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { values[key] = value }
        }
        return values
    }
}
