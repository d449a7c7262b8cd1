import DeskCore
public import DeskStore
import Foundation

extension DeskFailure {
    /// One sentence and the exit code of SPEC §8 for every failure of the store; `database` names
    /// how the program is told its database.
    public init(store e: StoreError, database: DatabaseSetting = .desk) {
        self.init(message: Self.sentence(e, database: database), exitCode: Self.exitCode(e.category))
    }

    public static func exitCode(_ category: StoreError.Category) -> Int32 {
        switch category {
        case .invalidInput: return badInput
        case .notFound: return notFound
        case .refused: return refused
        case .concurrentChange: return concurrentChange
        case .unavailable: return unavailable
        case .configuration: return unexpected
        }
    }

    // One case per code; the long switch is the catalogue of the store's sentences.
    public static func sentence(_ e: StoreError, database: DatabaseSetting = .desk) -> String {
        let r = e.reference ?? "", who = e.actor ?? "", st = e.state?.rawValue ?? "", rt = e.right?.rawValue ?? ""
        let p = e.policy ?? "", n = e.name ?? "", v = e.value ?? "", d = e.day?.iso ?? "", x = e.detail ?? ""
        let t = e.time.map { ISO8601DateFormatter().string(from: $0) } ?? "", i = e.id.map { "\($0)" } ?? ""
        let c = e.count.map { "\($0)" } ?? ""
        switch e.code {
        case .invalidReference: return "\"\(v.prefix(40))\" is not a request reference; references look like DSAR-2026-000123."
        case .requestNotFound: return "There is no request \(r); check the reference with `dsar queue` or `dsar report register`."
        case .requestIDNotFound: return "There is no request with id \(i)."
        case .requestGone: return "The request \(r) no longer exists."
        case .staleWrite: return "\(r) was changed by \(who) at \(t) while this command ran; look at it again (`dsar show \(r)`) and re-run."
        case .occurredBeforeReceipt: return "The date given with --at is before \(r) was received (\(t)); give a later date."
        case .lifecycleRefused: return "\(r): \(e.lifecycle.map(Self.sentence) ?? x)"
        case .extensionNotAllowed: return "\(r) cannot be extended: the \(p) policy allows no extension for \(rt)."
        case .assignClosed: return "\(r) is \(st) and closed; only open requests can be assigned."
        case .claimRace: return "Another desk member took the request first; run `dsar claim` again."
        case .extensionUnreadable: return "Request \(r) has an unreadable extension \(v)."
        case .evidenceUnreadable: return "The evidence of \(e.reference ?? "request \(i)") cannot be read\(e.value.map { " (unknown kind \($0))" } ?? ""); check it with `dsar show`."
        case .referencesExhausted: return "The reference numbers for \(c) are exhausted (999999 requests)."
        case .syntheticReferencesExhausted: return "The reference numbers for \(c) would run out (999999 requests); add fewer synthetic requests."
        case .syntheticCountOutOfRange: return "The number of synthetic requests must be between 1 and \(c)."
        case .reclassifyNotFromMail: return "\(r) was not created from mail, so there is no misread right to correct; close it and register the right request with `dsar new`."
        case .reclassifySameRight: return "\(r) is already a request for \(rt); nothing to change."
        case .reclassifyAfterWork: return "\(r) cannot be reclassified: \(x). Close it (`dsar close`) and register the right request with `dsar new`."
        case .noDeadlineRule: return "The policy \(p) has no deadline rule for \(rt); add one to policy_rules."
        case .policyNotFound: return e.detail.map { "There is no policy named \(p); known policies: \($0)." } ?? "There is no policy \(p.prefix(40)); see `dsar policy show` for the policies the desk has."
        case .noPolicies: return "No policies are defined; run `dsar db migrate`."
        case .policyRuleUnreadable: return "The policy \(p) has a rule with an unknown unit, basis or clock; fix policy_rules."
        case .calendarNotFound: return "There is no calendar named \(n)\(e.detail.map { "; calendars: \($0)" } ?? "")."
        case .calendarUnreadable: return "The calendar \(n) has an unknown weekend pattern \(v)."
        case .calendarEntryUnreadable: return "The calendar \(n) has an entry on \(d) of unknown kind or week; fix the holidays table."
        case .calendarEntryNotFound: return "The calendar \(n) has no entry on \(d)\(e.value.map { " for the \($0)-day week" } ?? ""); see `dsar calendar list`."
        case .unknownTimeZone: return "The setting desk.time_zone names an unknown time zone (\(v.prefix(60))); set it to an IANA name such as Asia/Tashkent."
        case .invalidMonth: return "\(v) is not a month; give it as YYYY-MM."
        case .monthBoundariesMissing: return "The server computed no month boundaries."
        case .unknownSetting: return "\(n.prefix(64)) is not a desk setting; known settings: \(x), authority.<policy>.<lang>."
        case .settingNotSet: return "\(n) is not set; set it with `dsar settings set \(n) VALUE`."
        case .settingValueLength: return "The value of \(n) must be 1 to 1000 characters."
        case .settingValueControl: return "The value of \(n) contains control characters; type it again without them."
        case .settingNotEmail: return "\(n) must be an e-mail address such as dpo@example.uz."
        case .settingNotDomain: return "\(n) must be a domain name such as example.uz."
        case .settingNotPositive: return "\(n) must be a whole number above zero."
        case .settingNotTimeZone: return "\(n) must be a time zone name such as Asia/Tashkent."
        case .settingNotSMTPURL: return "\(n) must be an SMTP URL such as smtps://dpo@mail.example.uz or smtp://dpo@mail.example.uz:587."
        case .settingHoldsPassword: return "\(n) must not hold a password; give it in DSAR_SMTP_PASSWORD, --password-file or ~/.netrc."
        case .settingNotOnOff: return "\(n) must be on or off."
        case .settingNotAbsolutePath: return "\(n) must be an absolute path such as /etc/ssl/certs/ca-certificates.crt."
        case .unknownLetter: return "\(v.prefix(40)) is not a letter; letters: \(x)."
        case .letterSettingsMissing: return "Letters need the desk's details first; run \(x.split(separator: ",").map { "`dsar settings set \($0) \"…\"`" }.joined(separator: ", "))."
        case .letterNotRendered: return e.name.map { "The letter \($0) was not rendered." } ?? "A letter of the batch was not rendered."
        case .letterNotForRight: return "\(r) is a request for \(rt); a \(n) letter does not apply to it."
        case .letterNotInState: return "\(r) is \(st); a \(n) letter is written when the request is \(x)."
        case .letterWrongGround: return "\(r) was refused on the ground \(v); produce `refusal` (or \(x)) instead of \(n)."
        case .noClarificationQuestion: return "\(r) has no clarification question recorded; ask it with `dsar clarify \(r) --question TEXT`."
        case .notExtended: return "\(r) has not been extended; extend it first with `dsar extend \(r) --by N --reason TEXT`."
        case .refusalNoteMissing: return "\(r) was closed without a note explaining the refusal; a \(n) letter must give the reasons."
        case .retentionMissing: return "\(r) was refused on legal_obligation_to_retain without the law and retention period; the letter must state both."
        case .compellingGroundsMissing: return "\(r) was overridden without recorded compelling grounds; record the decision with its grounds first."
        case .noClarificationOnRecord: return "\(r) has no clarification on record; a closure_no_reply letter follows an unanswered `dsar clarify`."
        case .notConsideredOutsideUzState: return "\(r) is under the \(p) policy; not_considered is the ZRU-445 letter of state bodies (uz-state)."
        case .recipientNameMissing: return "A recipient notification is addressed to a third party; name it with --recipient NAME."
        case .recipientHasNoEmail: return "The desk keeps no e-mail address for third-party recipients; produce the recipient notification as text or html."
        case .requesterHasNoEmail: return "\(r) has no e-mail address for the requester; produce the letter as text or html and send it by post."
        case .letterSequenceMissing: return "The letters table has no id sequence; run `dsar db migrate`."
        case .letterCopiesExhausted: return "This letter was already produced 100 times; use one of the stored copies (`dsar show`)."
        case .letterNotStored: return "The letter \(i) was not stored."
        case .invalidVerificationCode: return "\(v.prefix(40)) is not a verification code; codes look like ABCD-EFGH-JK23 (letters A–Z and digits 2–7)."
        case .verificationCodeUnknown: return "No letter with the verification code \(v) was produced by this desk; the letter is not genuine or the code was mistyped."
        case .smtpServerNotSet: return "No SMTP server is set; set one with `dsar settings set mail.smtp_url smtps://dpo@mail.example.uz` and run the command again."
        case .letterNotSendable: return "Only an .eml letter to a requester with an e-mail address can be sent, with dpo.email set as the sender; a recipient notification is sent by hand."
        case .outboxLetterNotFound: return "There is no letter \(i) in the outbox; `dsar outbox` lists them."
        case .outboxLetterWrongStatus: return "Letter \(i) of the outbox is \(v), so it cannot be \(n); only \(x) letters can."
        case .outboxRequestMissing: return "The request of an outbox letter was not found."
        case .mailFolderMissing: return "The folder \(n.prefix(80)) does not exist on the server; create it or choose another --move-to."
        case .mailFolderPositionInvalid: return "The remembered IMAP position of \(n) is out of range; delete it with psql and fetch again."
        case .intakeModelUnreadable: return "DSAR_INTAKE_MODEL names \(n), which is not an intake model file; unset it or give a file `dsar intake train --output` wrote."
        case .inboxItemNotFound: return "There is no inbox item \(i); list them with `dsar inbox`."
        case .inboxItemDecided: return "Inbox item \(i) is already \(v); there is nothing left to decide."
        case .inboxNoSuggestion: return "Inbox item \(i) has no suggested right; give the right with --kind (access, rectification, erasure, restriction, portability, objection)."
        case .inboxWeakSuggestion: return "Inbox item \(i)'s best suggestion is \(rt) at only \(c) %, too weak to accept unread; if it is a request give the right with --kind (access, rectification, erasure, restriction, portability, objection), else `dsar inbox dismiss \(i) --reason TEXT`."
        case .inboxNoSender: return "Inbox item \(i) has no sender name or address; register the request with `dsar new` and dismiss the item."
        case .auditSequenceMissing: return "The audit log's sequence is missing; run `dsar db migrate`."
        case .auditChainMoved: return "The audit chain of this request changed under this change; try again."
        case .syntheticRuleBroken: return "The synthetic planner broke a rule of the lifecycle: \(e.lifecycle.map(Self.sentence) ?? x)"
        case .nothingReturned: return "The database returned no \(n); a trigger or rule on the table may be hiding rows. Check the installation with `dsar db migrate`."
        case .auditChainContention: return "The audit chain kept changing under this change; try again."
        case .sealRace: return "Another sealer sealed some of these events first; seal again."
        case .sealUnreadable: return "Seal \(i) holds a root that is not a SHA-256 value; run `dsar audit verify`."
        case .sealInconsistent: return "Seal \(i) does not hold a consistent tree edge; run `dsar audit verify` and restore the log from a backup."
        case .auditBrokenAtMigration:
            let why = e.id.flatMap { id in AuditChain.BreakReason(rawValue: x).map { Self.sentence(AuditChain.Break(index: 0, sequence: id, reason: $0)) } } ?? x
            return "The audit chain is broken at event #\(i) (\(why)); the desk was not migrated. Restore the log from a backup, then run `dsar db migrate` again."
        case .auditTruncatedAtMigration: return "The audit log ends at event #\(i) but its head records #\(c): its newest events were deleted; the desk was not migrated. Restore the log from a backup, then run `dsar db migrate` again."
        case .proofNothingSealed: return "Nothing is sealed yet; run `dsar audit seal`, then ask for the proof again."
        case .proofLogBroken: return "The audit log does not verify; run `dsar audit verify` and restore the log before proving events."
        case .databaseUnreachable: return "Cannot reach \(n); check \(database.variable) / \(database.option) and that the server runs (`docker compose up -d`)."
        case .databaseUnreachableFromEnvironment: return "Cannot reach \(n); check the PGHOST and PGDATABASE variables and that the server runs."
        case .localDatabaseUnreachable: return "Cannot reach \(n); run `dsar db status` and see \(x)."
        case .postgresNotInstalled: return "The PostgreSQL server programs (initdb, pg_ctl) are not installed; install them with `apt-get install postgresql`, or run `docker compose up -d` and set DSAR_DATABASE_URL as the README shows."
        case .programFailed: return "Could not run \(n) (error \(c)); check the PostgreSQL installation."
        case .initdbFailed: return "Could not create the local database in \(n) (initdb failed: \(x)); check that the directory is writable."
        case .localServerDidNotStart: return "The local database did not start; see \(n) for the server's reason."
        case .localServerDidNotStop: return "The local database did not stop; see \(n)."
        case .rootNeedsPostgresUser: return "Running as root needs the postgres system user to own the local database; install the postgresql package or run dsar as an ordinary user."
        case .postgresUserCannotWrite: return "The postgres user cannot write to \(n); set DSAR_DATA_DIR to a directory outside /root."
        case .resourceMissing: return "The \(n)/ directory of DSAR Desk was not found; set DSAR_HOME to the directory that contains it."
        case .migrationMisnamed: return "The migration file \(n) is not named NNNN_name.sql; rename it so it can be ordered."
        case .migrationNumberShared: return "Two migration files share the number \(v); renumber one of them."
        case .migrationChanged: return "Migration \(n) was changed after it was applied; restore the original file and add a new migration instead."
        case .grantNotOwner: return "Only the schema's owner (a member of dsar_owner, or a superuser) may grant the desk's roles; run `dsar db migrate --grant` as that user."
        case .grantFunctionMissing: return "The database has no dsar_grant() function yet; run `dsar db migrate` first."
        case .purgeDateInFuture: return "The date \(d) is in the future; give a date on or before today (\(v))."
        case .intakeLostTrack: return "The intake lost track of the \(n) while storing a batch."
        case .duplicateVanished: return "Another import stored this message at the same time and then removed it; run the import again."
        default:
            // Every code has its case above (LibraryErrorSentenceTests checks each); a code added
            // without one still says which failure it is.
            return "The desk refused the operation (\(e.code))."
        }
    }
}
