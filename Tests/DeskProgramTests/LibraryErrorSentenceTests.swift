import DeskCore
import DeskProgram
import Letters
import MailIntake
import Reports
import Testing

/// The libraries throw codes with values; DeskProgram words every one of them and gives SPEC §8's
/// exit code. Each case of DeskCoreError, LifecycleError, LettersError, ReportError and
/// MailIntakeError is pinned here, word for word, as the programs printed it before the sentences
/// left the libraries (issue 18) — and none may end as "Unexpected failure".
struct LibraryErrorSentenceTests {
    static let day = LocalDate(year: 2026, month: 4, day: 6) ?? LocalDate(daysSinceEpoch: 0)
    static let limit = LocalDate(year: 2026, month: 6, day: 5) ?? LocalDate(daysSinceEpoch: 0)

    static let core: [(DeskCoreError.Reason, Int32, String)] = [
        (.periodUnreadable("0d"), 2, "The period \"0d\" is not a positive number of days (10d), working days (5wd) or months (2m)."),
        (.periodWithoutUnit("2"), 2, "The period \"2\" needs a unit: d, wd or m."),
        (.periodUnknownUnit("2y"), 2, "The period \"2y\" has an unknown unit; use d, wd or m."),
        (.digestUnreadable("12:zz"), 2,
         "12:zz is not an audit digest; give SIZE:ROOT as `dsar audit digest` prints it, e.g. 1204:3f1c…(64 hex digits)."),
        (.noDeadlineRule(policy: "uz", right: .portability), 2, "The policy uz has no deadline rule for portability."),
        (.unknownTimeZone(policy: "uz", zone: "Mars/Olympus"), 2, "The policy uz names an unknown time zone, Mars/Olympus."),
        (.payloadUnencodable, 2, "The payload could not be written as JSON."),
        (.evidenceMissing(.erasedSystem), 2, "The system the data was erased from is required."),
        (.evidenceMissing(.erasureMethod), 2, "The erasure method is required."),
        (.evidenceMissing(.erasurePerformer), 2, "The name of who performed the erasure is required."),
        (.evidenceMissing(.erasureApprover), 2, "The name of who approved the journal entry is required."),
        (.evidenceMissing(.recipient), 2, "The recipient's name is required."),
        (.evidenceMissing(.notification), 2, "The description of what was notified is required."),
        (.evidenceMissing(.changedField), 2, "The field that was changed is required."),
        (.evidenceMissing(.newValueSummary), 2, "The summary of the new value is required."),
        (.evidenceMissing(.retentionGround), 2, "The legal ground to retain the data is required."),
        (.evidenceMissing(.compellingGrounds), 2, "The compelling grounds for continuing the processing is required."),
        (.evidenceMissing(.exportPath), 2, "The path of the export is required."),
        (.evidenceListEmpty(.dataCategory), 2, "At least one data category is required."),
        (.evidenceListEmpty(.stoppedPurpose), 2, "At least one purpose for which processing stopped is required."),
        (.evidenceHashInvalid(.export), 2, "The sha256 of the export must be 64 hexadecimal digits."),
        (.evidenceHashInvalid(.disclosure), 2, "The sha256 of the disclosure must be 64 hexadecimal digits."),
        (.restrictionScopeEmpty, 2, "A restriction scope needs at least one system or purpose."),
        (.disclosureEmpty, 2, "A disclosure needs the path of what was sent or a description of it."),
        (.notExtendable(right: .erasure, source: "ZRU-547 art. 30"), 4, "The erasure deadline under ZRU-547 art. 30 cannot be extended."),
        (.extensionAfterDueDate(day), 4, "The due date 2026-04-06 has passed; an extension must be announced before it."),
        (.extensionUnitDiffers(granted: Period(10, .workingDays)), 4,
         "The request was already extended by 10wd; extend it again in the same unit (wd)."),
        (.extensionBeyondCap(total: Period(3, .months), endsOn: day, cap: Period(2, .months), limit: limit, source: "GDPR art. 12(3)"), 4,
         "An extension of 3m in total would end on 2026-04-06, after the limit of 2m (2026-06-05) under GDPR art. 12(3)."),
        (.marketingObjectionOverridden, 4, "An objection to direct marketing can never be overridden; record processing_stopped."),
        (.consentWithdrawalOverridden, 4,
         "A withdrawal of consent can never be overridden: processing on consent stops and the data is destroyed (ZRU-547 art. 17); record processing_stopped."),
    ]

    @Test("every DeskCore reason is one sentence with its exit code", arguments: core)
    func coreSentence(_ reason: DeskCoreError.Reason, _ exitCode: Int32, _ sentence: String) {
        let failure = DeskFailure(DeskCoreError(reason))
        #expect(failure.message == sentence)
        #expect(failure.exitCode == exitCode)
    }

    @Test func everyEvidenceFieldIsNamed() {
        let named = Set(Self.core.compactMap { reason, _, _ -> DeskCoreError.EvidenceField? in
            switch reason {
            case .evidenceMissing(let field), .evidenceListEmpty(let field), .evidenceHashInvalid(let field): return field
            default: return nil
            }
        })
        #expect(named == Set(DeskCoreError.EvidenceField.allCases))
    }

    static let received: [LifecycleEvent] = [.identityRequest, .start, .identityVerified, .withdraw]
    static let erasureGate = Gate.check(right: .erasure, evidence: [EvidenceKind]())
    static let withdrawal = Gate.withdrawalMissing(evidence: [EvidenceKind](), retentionGroundRecorded: false)

    static let lifecycle: [(LifecycleError.Reason, RequestState, [LifecycleEvent], String)] = [
        (.eventNotAllowed(.closeFulfilled), .received, received,
         "The request is in received, where close_fulfilled is not allowed; allowed from there: identity_request, start, identity_verified, withdraw."),
        (.eventNotAllowed(.start), .fulfilled, [],
         "The request is in fulfilled, where start is not allowed; allowed from there: nothing (the request is closed)."),
        (.identityFailureGround(.excessive), .awaitingIdentity, [],
         "A failed identity check is refused on the ground identity_not_verified, not excessive."),
        (.liftBeforeNotice, .fulfilled, [],
         "The restriction can be lifted only after the restriction_lift_notice letter was sent; send it first."),
        (.gateNotMet(right: .erasure, missing: erasureGate), .inProgress, [],
         "The erasure request cannot be closed as fulfilled yet: record an erasure-journal entry and a recipient notification or the finding no_recipients first."),
        (.gateNotMet(right: .objection, missing: withdrawal.map { [$0] } ?? []), .inProgress, [],
         "The objection request cannot be closed as fulfilled yet: record an erasure-journal entry for the destroyed data (or a decision with --retention-ground naming the law that requires keeping it) first."),
        (.groundMissing(.closeRefused, allowed: [.identityNotVerified, .exemptionOther]), .inProgress, [],
         "A request closed as refused needs a ground: one of identity_not_verified, exemption_other."),
        (.groundMissing(.closePartiallyFulfilled, allowed: [.noDataHeld]), .inProgress, [],
         "A request closed as partially fulfilled needs a ground: one of no_data_held."),
        (.groundNeedsNote(.exemptionOther), .inProgress, [],
         "The ground exemption_other needs a note giving the reason, which the letter tells the requester."),
        (.retentionMissing, .inProgress, [],
         "The ground legal_obligation_to_retain needs the law that requires the data to be kept and the retention period (--retention-law, --retention-period)."),
        (.closedToExtension, .refused, [], "The request is refused and closed; its deadline can no longer be extended."),
        (.extensionWithoutReason, .inProgress, [], "An extension needs a reason, which the extension_notice letter tells the requester."),
        (.extensionWithoutDecider, .inProgress, [],
         "Under ZRU-445 the head of the state body decides an extension; name them with --decided-by."),
        (.extensionRefused(DeskCoreError(.extensionAfterDueDate(day))), .inProgress, [],
         "The due date 2026-04-06 has passed; an extension must be announced before it."),
        (.closedToEvidence, .withdrawn, [], "The request is withdrawn and closed; evidence can no longer be recorded."),
        (.evidenceInvalid(DeskCoreError(.restrictionScopeEmpty)), .inProgress, [],
         "A restriction scope needs at least one system or purpose."),
    ]

    @Test("every lifecycle refusal is one sentence and exit 4", arguments: lifecycle)
    func lifecycleSentence(_ reason: LifecycleError.Reason, _ state: RequestState, _ allowed: [LifecycleEvent], _ sentence: String) {
        let failure = DeskFailure(LifecycleError(reason, state: state, allowedEvents: allowed))
        #expect(failure.message == sentence)
        #expect(failure.exitCode == 4)
    }

    @Test(arguments: ["uz", "uz-state", "ru"])
    func aGDPROnlyGroundNamesThePolicysLaw(policy: String) throws {
        let notProvided = try #require(RefusalGround.manifestlyUnfounded.refusal(underPolicy: policy))
        let law = ["uz": "ZRU-547", "uz-state": "ZRU-445", "ru": "152-FZ"][policy] ?? ""
        let failure = DeskFailure(LifecycleError(.groundNotProvided(notProvided), state: .inProgress, allowedEvents: []))
        #expect(failure.message == "manifestly_unfounded is a GDPR ground (Article 12(5)) that \(law) does not provide; under the \(policy) policy refuse with exemption_other and give the law's reason in the note (for a repeated request: the earlier request and why nothing has changed).")
    }

    @Test func everyGateRequirementIsNamed() throws {
        var names = Set(Gate.requirements.values.flatMap { $0.map(\.name) })
        names.insert(try #require(Self.withdrawal).name)
        #expect(names == Set(Gate.Requirement.Name.allCases))
        for right in Right.allCases {
            let failure = DeskFailure(LifecycleError(
                .gateNotMet(right: right, missing: Gate.check(right: right, evidence: [EvidenceKind]())), state: .inProgress, allowedEvents: []))
            #expect(failure.message.hasPrefix("The \(right.rawValue) request cannot be closed as fulfilled yet: record "))
            #expect(!failure.message.contains("record  first"))
        }
    }

    static let letters: [(LettersError, String)] = [
        (.templatesDirectoryMissing("/srv/dsar/Templates"),
         "The templates directory /srv/dsar/Templates does not exist; point the desk at the project's Templates/ folder."),
        (.templateMissing("uz/acknowledgement"), "The letter template uz/acknowledgement.mustache is missing; add it to Templates/."),
        (.templateInvalid("ru/refusal"), "The letter template ru/refusal.mustache is not valid Mustache; fix its tags."),
        (.subjectLineMissing("en/extension_notice"), "The letter template en/extension_notice.mustache must start with a 'Subject: ' line."),
    ]

    @Test("a broken template is the installation's fault, exit 1", arguments: letters)
    func lettersSentence(_ error: LettersError, _ sentence: String) {
        let failure = DeskFailure(error)
        #expect(failure.message == sentence)
        #expect(failure.exitCode == 1)
    }

    @Test func reportErrorsAreBadInput() {
        let month = DeskFailure(ReportError.invalidMonth("2026-13"))
        #expect(month.message == "“2026-13” is not a month; write it as YYYY-MM, e.g. 2026-03.")
        #expect(month.exitCode == 2)
        let format = DeskFailure(ReportError.unsupportedFormat("pdf"))
        #expect(format.message == "“pdf” is not a report format this command writes.")
        #expect(format.exitCode == 2)
    }

    static let mail: [(MailIntakeError.Reason, String)] = [
        (.empty, "A message cannot be read (empty: The message is empty.)."),
        (.tooLarge(size: 80_000_000, limit: 52_428_800),
         "A message cannot be read (too_large: The message is 80000000 bytes, over the 52428800-byte limit.)."),
        (.tooLarge(size: nil, limit: 4), "A message cannot be read (too_large: The message is larger than the 4-byte limit.)."),
        (.missingHeaders, "A message cannot be read (missing_headers: The message does not start with RFC 5322 header fields.)."),
        (.headerNUL, "A message cannot be read (binary_content: The header section contains NUL bytes.)."),
        (.headerBinary, "A message cannot be read (binary_content: The header section contains binary data.)."),
        (.messageFileUnreadable, "A message cannot be read (unreadable: The message file cannot be read.)."),
        (.emlReadFailed, "A message cannot be read (unreadable: Reading the message failed.)."),
        (.pathMissing, "The path does not exist."),
        (.notMailFolder, "The directory is neither a Maildir (no cur/ or new/) nor a folder of .eml files."),
        (.fileUnopenable, "The file cannot be opened for reading."),
        (.mboxUnopenable, "The mbox file cannot be opened for reading."),
        (.mboxUnpositionable, "The mbox file cannot be positioned at the resume offset."),
        (.emlUnopenable, "The .eml file cannot be opened for reading."),
        (.corpusUnreadable(path: "corpus/labels.tsv"), "corpus/labels.tsv cannot be read."),
        (.corpusFileUnreadable(file: "corpus/uz/1.eml", labels: "corpus/labels.tsv"), "corpus/uz/1.eml, named in corpus/labels.tsv, cannot be read."),
        (.corpusWithoutLabels(path: "corpus"), "corpus holds no labels.tsv (nor do its subdirectories)."),
        (.corpusEmpty, "No labelled message lies under the given paths."),
        (.labelledTwice("uz/1.eml"), "uz/1.eml is labelled twice; give each labels file once."),
        (.labelLine(source: "labels.tsv", line: 3, problem: .columnsMissing),
         "labels.tsv line 3: expected the columns file, writer, lang, rights, kind, flags."),
        (.labelLine(source: "labels.tsv", line: 4, problem: .unknownLanguage("kk")), "labels.tsv line 4: kk is not uz, uz-Cyrl, ru or en."),
        (.labelLine(source: "labels.tsv", line: 5, problem: .unknownRight("deletion")), "labels.tsv line 5: deletion is not a right."),
        (.labelLine(source: "labels.tsv", line: 6, problem: .unknownKind("spam")),
         "labels.tsv line 6: spam is not request, reply, negative or hard_negative."),
        (.labelLine(source: "labels.tsv", line: 7, problem: .requestWithoutRight), "labels.tsv line 7: a request names at least one right."),
        (.labelLine(source: "labels.tsv", line: 8, problem: .fileLabelledTwice("uz/1.eml")), "labels.tsv line 8: uz/1.eml is labelled twice."),
    ]

    @Test("mail that cannot be read is bad input, exit 2", arguments: mail)
    func mailSentence(_ reason: MailIntakeError.Reason, _ sentence: String) {
        let failure = DeskFailure(MailIntakeError(reason))
        #expect(failure.message == sentence)
        #expect(failure.exitCode == 2)
    }

    @Test func aSourceThatFailsDuringAnImportNamesItself() {
        let failure = DeskFailure(MailIntakeError(.mboxUnopenable).reading("/var/mail/dpo"))
        #expect(failure.message == "/var/mail/dpo cannot be read (The mbox file cannot be opened for reading.); check the path — messages before it were imported.")
        #expect(failure.exitCode == 2)
    }

    /// The reason kept with a quarantined message is unchanged: the code, a colon, what was wrong.
    @Test func quarantineReasonsKeepTheirStoredWords() {
        #expect(MailIntakeError(.tooLarge(size: 10, limit: 4)).quarantineReason == "too_large: The message is 10 bytes, over the 4-byte limit.")
        #expect(MailIntakeError(.headerNUL).quarantineReason == "binary_content: The header section contains NUL bytes.")
        #expect(MailIntakeError(.messageFileUnreadable).quarantineReason == "unreadable: The message file cannot be read.")
    }
}
