public import DeskCore
public import Foundation

/// A failure of the store that a user can act on: a code and the values it is about (the
/// reference, the actor, the time, the state, the policy …), never a sentence. The command line
/// turns each code into one sentence and an exit code (`DeskFailure+Store.swift` in DeskProgram, SPEC §8).
///
/// A struct over a private enum, so adding a code breaks no caller (STYLE.md).
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure, for the exit code: bad input, not found, refused by a rule, a
    /// concurrent change, the database unavailable, or a broken installation.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case invalidInput, notFound, refused, concurrentChange, unavailable, configuration
    }

    /// Which failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable, CaseIterable {
            case invalidReference
            case requestNotFound
            case requestIDNotFound
            case requestGone
            case staleWrite
            case occurredBeforeReceipt
            case lifecycleRefused
            case extensionNotAllowed
            case assignClosed
            case claimRace
            case extensionUnreadable
            case evidenceUnreadable
            case referencesExhausted
            case syntheticReferencesExhausted
            case syntheticCountOutOfRange
            case reclassifyNotFromMail
            case reclassifySameRight
            case reclassifyAfterWork
            case noDeadlineRule
            case policyNotFound
            case noPolicies
            case policyRuleUnreadable
            case calendarNotFound
            case calendarUnreadable
            case calendarEntryUnreadable
            case calendarEntryNotFound
            case unknownTimeZone
            case invalidMonth
            case monthBoundariesMissing
            case unknownSetting
            case settingNotSet
            case settingValueLength
            case settingValueControl
            case settingNotEmail
            case settingNotDomain
            case settingNotPositive
            case settingNotTimeZone
            case settingNotSMTPURL
            case settingHoldsPassword
            case settingNotOnOff
            case settingNotAbsolutePath
            case unknownLetter
            case letterSettingsMissing
            case letterNotRendered
            case letterNotForRight
            case letterNotInState
            case letterWrongGround
            case noClarificationQuestion
            case notExtended
            case refusalNoteMissing
            case retentionMissing
            case compellingGroundsMissing
            case noClarificationOnRecord
            case notConsideredOutsideUzState
            case recipientNameMissing
            case recipientHasNoEmail
            case requesterHasNoEmail
            case letterSequenceMissing
            case letterCopiesExhausted
            case letterNotStored
            case invalidVerificationCode
            case verificationCodeUnknown
            case smtpServerNotSet
            case letterNotSendable
            case outboxLetterNotFound
            case outboxLetterWrongStatus
            case outboxRequestMissing
            case mailFolderMissing
            case mailFolderPositionInvalid
            case intakeModelUnreadable
            case inboxItemNotFound
            case inboxItemDecided
            case inboxNoSuggestion
            case inboxWeakSuggestion
            case inboxNoSender
            case auditSequenceMissing
            case nothingReturned
            case auditChainMoved
            case syntheticRuleBroken
            case auditChainContention
            case sealRace
            case sealUnreadable
            case sealInconsistent
            case auditBrokenAtMigration
            case auditTruncatedAtMigration
            case proofNothingSealed
            case proofLogBroken
            case databaseUnreachable
            case databaseUnreachableFromEnvironment
            case localDatabaseUnreachable
            case postgresNotInstalled
            case programFailed
            case initdbFailed
            case localServerDidNotStart
            case localServerDidNotStop
            case rootNeedsPostgresUser
            case postgresUserCannotWrite
            case resourceMissing
            case migrationMisnamed
            case migrationNumberShared
            case migrationChanged
            case grantNotOwner
            case grantFunctionMissing
            case purgeDateInFuture
            case intakeLostTrack
            case duplicateVanished
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The kind of failure, for the exit code.
        public var category: Category {
            switch base {
                case .invalidReference: return .invalidInput
                case .requestNotFound: return .notFound
                case .requestIDNotFound: return .notFound
                case .requestGone: return .notFound
                case .staleWrite: return .concurrentChange
                case .occurredBeforeReceipt: return .invalidInput
                case .lifecycleRefused: return .refused
                case .extensionNotAllowed: return .refused
                case .assignClosed: return .refused
                case .claimRace: return .concurrentChange
                case .extensionUnreadable: return .configuration
                case .evidenceUnreadable: return .configuration
                case .referencesExhausted: return .refused
                case .syntheticReferencesExhausted: return .refused
                case .syntheticCountOutOfRange: return .invalidInput
                case .reclassifyNotFromMail: return .refused
                case .reclassifySameRight: return .refused
                case .reclassifyAfterWork: return .refused
                case .noDeadlineRule: return .refused
                case .policyNotFound: return .notFound
                case .noPolicies: return .configuration
                case .policyRuleUnreadable: return .configuration
                case .calendarNotFound: return .notFound
                case .calendarUnreadable: return .configuration
                case .calendarEntryUnreadable: return .configuration
                case .calendarEntryNotFound: return .notFound
                case .unknownTimeZone: return .configuration
                case .invalidMonth: return .invalidInput
                case .monthBoundariesMissing: return .configuration
                case .unknownSetting: return .invalidInput
                case .settingNotSet: return .notFound
                case .settingValueLength: return .invalidInput
                case .settingValueControl: return .invalidInput
                case .settingNotEmail: return .invalidInput
                case .settingNotDomain: return .invalidInput
                case .settingNotPositive: return .invalidInput
                case .settingNotTimeZone: return .invalidInput
                case .settingNotSMTPURL: return .invalidInput
                case .settingHoldsPassword: return .invalidInput
                case .settingNotOnOff: return .invalidInput
                case .settingNotAbsolutePath: return .invalidInput
                case .unknownLetter: return .invalidInput
                case .letterSettingsMissing: return .invalidInput
                case .letterNotRendered: return .configuration
                case .letterNotForRight: return .refused
                case .letterNotInState: return .refused
                case .letterWrongGround: return .refused
                case .noClarificationQuestion: return .refused
                case .notExtended: return .refused
                case .refusalNoteMissing: return .refused
                case .retentionMissing: return .refused
                case .compellingGroundsMissing: return .refused
                case .noClarificationOnRecord: return .refused
                case .notConsideredOutsideUzState: return .refused
                case .recipientNameMissing: return .invalidInput
                case .recipientHasNoEmail: return .invalidInput
                case .requesterHasNoEmail: return .invalidInput
                case .letterSequenceMissing: return .configuration
                case .letterCopiesExhausted: return .refused
                case .letterNotStored: return .notFound
                case .invalidVerificationCode: return .invalidInput
                case .verificationCodeUnknown: return .notFound
                case .smtpServerNotSet: return .invalidInput
                case .letterNotSendable: return .refused
                case .outboxLetterNotFound: return .notFound
                case .outboxLetterWrongStatus: return .refused
                case .outboxRequestMissing: return .notFound
                case .mailFolderMissing: return .invalidInput
                case .mailFolderPositionInvalid: return .configuration
                case .intakeModelUnreadable: return .invalidInput
                case .inboxItemNotFound: return .notFound
                case .inboxItemDecided: return .refused
                case .inboxNoSuggestion: return .invalidInput
                case .inboxWeakSuggestion: return .invalidInput
                case .inboxNoSender: return .refused
                case .auditSequenceMissing: return .configuration
                case .nothingReturned: return .configuration
                case .auditChainMoved: return .concurrentChange
                case .syntheticRuleBroken: return .configuration
                case .auditChainContention: return .concurrentChange
                case .sealRace: return .concurrentChange
                case .sealUnreadable: return .configuration
                case .sealInconsistent: return .configuration
                case .auditBrokenAtMigration: return .refused
                case .auditTruncatedAtMigration: return .refused
                case .proofNothingSealed: return .refused
                case .proofLogBroken: return .refused
                case .databaseUnreachable: return .unavailable
                case .databaseUnreachableFromEnvironment: return .unavailable
                case .localDatabaseUnreachable: return .unavailable
                case .postgresNotInstalled: return .unavailable
                case .programFailed: return .unavailable
                case .initdbFailed: return .unavailable
                case .localServerDidNotStart: return .unavailable
                case .localServerDidNotStop: return .unavailable
                case .rootNeedsPostgresUser: return .unavailable
                case .postgresUserCannotWrite: return .unavailable
                case .resourceMissing: return .configuration
                case .migrationMisnamed: return .configuration
                case .migrationNumberShared: return .configuration
                case .migrationChanged: return .configuration
                case .grantNotOwner: return .refused
                case .grantFunctionMissing: return .configuration
                case .purgeDateInFuture: return .invalidInput
                case .intakeLostTrack: return .configuration
                case .duplicateVanished: return .concurrentChange
            }
        }

        public var description: String { base.rawValue }

        /// Text that is not a request reference (`value`).
        public static let invalidReference = Code(.invalidReference)
        /// No request has `reference`.
        public static let requestNotFound = Code(.requestNotFound)
        /// No request has the row `id`.
        public static let requestIDNotFound = Code(.requestIDNotFound)
        /// The request `reference` was deleted while the command ran.
        public static let requestGone = Code(.requestGone)
        /// `actor` changed `reference` at `time` while this command ran.
        public static let staleWrite = Code(.staleWrite)
        /// An action dated before `reference` was received at `time`.
        public static let occurredBeforeReceipt = Code(.occurredBeforeReceipt)
        /// DeskCore refused a step or evidence on `reference`; `detail` is its sentence.
        public static let lifecycleRefused = Code(.lifecycleRefused)
        /// A bare --by number for `reference`, whose `policy` allows no extension for `right`.
        public static let extensionNotAllowed = Code(.extensionNotAllowed)
        /// Claiming or assigning `reference`, which is closed in `state`.
        public static let assignClosed = Code(.assignClosed)
        /// Another desk member claimed the request first.
        public static let claimRace = Code(.claimRace)
        /// The stored extension `value` of `reference` cannot be read.
        public static let extensionUnreadable = Code(.extensionUnreadable)
        /// Evidence of `reference` (or request row `id`) cannot be read; `value` is an unknown kind.
        public static let evidenceUnreadable = Code(.evidenceUnreadable)
        /// The year `count` has used all 999999 reference numbers.
        public static let referencesExhausted = Code(.referencesExhausted)
        /// Synthetic requests would use up the reference numbers of the year `count`.
        public static let syntheticReferencesExhausted = Code(.syntheticReferencesExhausted)
        /// A number of synthetic requests outside 1…`count`.
        public static let syntheticCountOutOfRange = Code(.syntheticCountOutOfRange)
        /// `reference` was not created from mail, so no misread right can be corrected.
        public static let reclassifyNotFromMail = Code(.reclassifyNotFromMail)
        /// `reference` is already a request for `right`.
        public static let reclassifySameRight = Code(.reclassifySameRight)
        /// `reference` has work recorded (`detail`: what) and cannot change its right.
        public static let reclassifyAfterWork = Code(.reclassifyAfterWork)
        /// `policy` has no deadline rule for `right`.
        public static let noDeadlineRule = Code(.noDeadlineRule)
        /// No policy `policy`; `detail` lists the known ones.
        public static let policyNotFound = Code(.policyNotFound)
        /// The desk has no policies at all.
        public static let noPolicies = Code(.noPolicies)
        /// A rule of `policy` has an unknown unit, basis or clock.
        public static let policyRuleUnreadable = Code(.policyRuleUnreadable)
        /// No calendar `name`; `detail` lists the known ones.
        public static let calendarNotFound = Code(.calendarNotFound)
        /// The calendar `name` has the unknown weekend pattern `value`.
        public static let calendarUnreadable = Code(.calendarUnreadable)
        /// The calendar `name` has an entry on `day` of unknown kind or week.
        public static let calendarEntryUnreadable = Code(.calendarEntryUnreadable)
        /// The calendar `name` has no entry on `day` (for the `value`-day week when set).
        public static let calendarEntryNotFound = Code(.calendarEntryNotFound)
        /// The setting desk.time_zone holds `value`, which is no time zone.
        public static let unknownTimeZone = Code(.unknownTimeZone)
        /// `value` is not a month.
        public static let invalidMonth = Code(.invalidMonth)
        /// The server returned no month boundaries.
        public static let monthBoundariesMissing = Code(.monthBoundariesMissing)
        /// `name` is not a setting; `detail` lists the known ones.
        public static let unknownSetting = Code(.unknownSetting)
        /// The setting `name` has no value.
        public static let settingNotSet = Code(.settingNotSet)
        /// The value of `name` is empty or over 1000 characters.
        public static let settingValueLength = Code(.settingValueLength)
        /// The value of `name` has control characters.
        public static let settingValueControl = Code(.settingValueControl)
        /// The value of `name` is no e-mail address.
        public static let settingNotEmail = Code(.settingNotEmail)
        /// The value of `name` is no domain name.
        public static let settingNotDomain = Code(.settingNotDomain)
        /// The value of `name` is no whole number above zero.
        public static let settingNotPositive = Code(.settingNotPositive)
        /// The value of `name` is no time zone.
        public static let settingNotTimeZone = Code(.settingNotTimeZone)
        /// The value of `name` is no SMTP URL.
        public static let settingNotSMTPURL = Code(.settingNotSMTPURL)
        /// The value of `name` has a password in it.
        public static let settingHoldsPassword = Code(.settingHoldsPassword)
        /// The value of `name` is neither on nor off.
        public static let settingNotOnOff = Code(.settingNotOnOff)
        /// The value of `name` is no absolute path.
        public static let settingNotAbsolutePath = Code(.settingNotAbsolutePath)
        /// `value` names no letter; `detail` lists them.
        public static let unknownLetter = Code(.unknownLetter)
        /// Letters need the settings `detail` (comma-separated keys).
        public static let letterSettingsMissing = Code(.letterSettingsMissing)
        /// The letter `name` (or a letter of a batch) came out of the renderer empty.
        public static let letterNotRendered = Code(.letterNotRendered)
        /// The letter `name` does not apply to `reference`, a request for `right`.
        public static let letterNotForRight = Code(.letterNotForRight)
        /// The letter `name` is not written in `state`; `detail` says in which.
        public static let letterNotInState = Code(.letterNotInState)
        /// The refusal letter `name` does not match the ground `value` of `reference`; `detail` is the right letter.
        public static let letterWrongGround = Code(.letterWrongGround)
        /// A clarification letter for `reference`, which has no question recorded.
        public static let noClarificationQuestion = Code(.noClarificationQuestion)
        /// An extension notice for `reference`, which was not extended.
        public static let notExtended = Code(.notExtended)
        /// The letter `name` for `reference`, closed without a note giving the reasons.
        public static let refusalNoteMissing = Code(.refusalNoteMissing)
        /// A legal_obligation_to_retain refusal of `reference` without the law and period.
        public static let retentionMissing = Code(.retentionMissing)
        /// An objection of `reference` overridden without compelling grounds.
        public static let compellingGroundsMissing = Code(.compellingGroundsMissing)
        /// A closure_no_reply letter for `reference`, which was never asked to clarify.
        public static let noClarificationOnRecord = Code(.noClarificationOnRecord)
        /// A not_considered letter for `reference`, under `policy` rather than uz-state.
        public static let notConsideredOutsideUzState = Code(.notConsideredOutsideUzState)
        /// A recipient notification without the recipient's name.
        public static let recipientNameMissing = Code(.recipientNameMissing)
        /// A recipient notification asked for as e-mail.
        public static let recipientHasNoEmail = Code(.recipientHasNoEmail)
        /// An e-mail letter for `reference`, whose requester has no address.
        public static let requesterHasNoEmail = Code(.requesterHasNoEmail)
        /// The letters table has no id sequence.
        public static let letterSequenceMissing = Code(.letterSequenceMissing)
        /// The same letter was produced 100 times.
        public static let letterCopiesExhausted = Code(.letterCopiesExhausted)
        /// The letter `id` just written cannot be read back.
        public static let letterNotStored = Code(.letterNotStored)
        /// `value` is not a verification code.
        public static let invalidVerificationCode = Code(.invalidVerificationCode)
        /// No letter of this desk has the verification code `value`.
        public static let verificationCodeUnknown = Code(.verificationCodeUnknown)
        /// mail.smtp_url is not set.
        public static let smtpServerNotSet = Code(.smtpServerNotSet)
        /// Only an .eml letter to a requester with an address, with dpo.email set, can be queued.
        public static let letterNotSendable = Code(.letterNotSendable)
        /// No outbox letter `id`.
        public static let outboxLetterNotFound = Code(.outboxLetterNotFound)
        /// Outbox letter `id` is `value` and cannot be `name` (retried, cancelled, …); `detail` lists the statuses that can.
        public static let outboxLetterWrongStatus = Code(.outboxLetterWrongStatus)
        /// The request of an outbox letter is gone.
        public static let outboxRequestMissing = Code(.outboxRequestMissing)
        /// The IMAP folder `name` does not exist.
        public static let mailFolderMissing = Code(.mailFolderMissing)
        /// The remembered IMAP position of the folder `name` is out of range.
        public static let mailFolderPositionInvalid = Code(.mailFolderPositionInvalid)
        /// DSAR_INTAKE_MODEL names `name`, which is no intake model.
        public static let intakeModelUnreadable = Code(.intakeModelUnreadable)
        /// No inbox item `id`.
        public static let inboxItemNotFound = Code(.inboxItemNotFound)
        /// Inbox item `id` is already `value`.
        public static let inboxItemDecided = Code(.inboxItemDecided)
        /// Inbox item `id` has no suggested right and none was given.
        public static let inboxNoSuggestion = Code(.inboxNoSuggestion)
        /// Inbox item `id`'s best suggestion (`right`, `count` %) is below `InboxStore.acceptableSuggestion` and no right was given.
        public static let inboxWeakSuggestion = Code(.inboxWeakSuggestion)
        /// Inbox item `id` has no sender name or address.
        public static let inboxNoSender = Code(.inboxNoSender)
        /// The audit log's sequence is missing.
        public static let auditSequenceMissing = Code(.auditSequenceMissing)
        /// An INSERT … RETURNING returned no row (`name` says what it should have returned).
        public static let nothingReturned = Code(.nothingReturned)
        /// A request's audit chain head moved between reading it and appending to it.
        public static let auditChainMoved = Code(.auditChainMoved)
        /// The synthetic planner produced a step the lifecycle refuses (`detail`: the lifecycle's reason).
        public static let syntheticRuleBroken = Code(.syntheticRuleBroken)
        /// The audit chain kept changing under an append.
        public static let auditChainContention = Code(.auditChainContention)
        /// Another sealer sealed some of the events first.
        public static let sealRace = Code(.sealRace)
        /// Seal `id` holds a root that is not a SHA-256 value.
        public static let sealUnreadable = Code(.sealUnreadable)
        /// Seal `id` holds no consistent tree edge.
        public static let sealInconsistent = Code(.sealInconsistent)
        /// Sealing the log during a migration found the chain broken at event `id`; `detail` says how.
        public static let auditBrokenAtMigration = Code(.auditBrokenAtMigration)
        /// The log ends at event `id` but its head records event `count`.
        public static let auditTruncatedAtMigration = Code(.auditTruncatedAtMigration)
        /// A proof was asked for before anything was sealed.
        public static let proofNothingSealed = Code(.proofNothingSealed)
        /// A proof was asked for while the log does not verify.
        public static let proofLogBroken = Code(.proofLogBroken)
        /// The database at `name` cannot be reached (DSAR_DATABASE_URL or --database-url).
        public static let databaseUnreachable = Code(.databaseUnreachable)
        /// The database the PG* variables name (`name`) cannot be reached.
        public static let databaseUnreachableFromEnvironment = Code(.databaseUnreachableFromEnvironment)
        /// The local database `name` cannot be reached; its log is `detail`.
        public static let localDatabaseUnreachable = Code(.localDatabaseUnreachable)
        /// initdb and pg_ctl are not installed.
        public static let postgresNotInstalled = Code(.postgresNotInstalled)
        /// The program `name` could not be started (error `count`).
        public static let programFailed = Code(.programFailed)
        /// initdb failed in the directory `name`; `detail` is its last line.
        public static let initdbFailed = Code(.initdbFailed)
        /// The local server did not start; its log is `name`.
        public static let localServerDidNotStart = Code(.localServerDidNotStart)
        /// The local server did not stop; its log is `name`.
        public static let localServerDidNotStop = Code(.localServerDidNotStop)
        /// Running as root without a postgres system user.
        public static let rootNeedsPostgresUser = Code(.rootNeedsPostgresUser)
        /// The postgres user cannot write to `name`.
        public static let postgresUserCannotWrite = Code(.postgresUserCannotWrite)
        /// The directory `name` (templates, sql, …) of the installation is missing.
        public static let resourceMissing = Code(.resourceMissing)
        /// The migration file `name` is not named NNNN_name.sql.
        public static let migrationMisnamed = Code(.migrationMisnamed)
        /// Two migration files share the number `value`.
        public static let migrationNumberShared = Code(.migrationNumberShared)
        /// The applied migration `name` was edited afterwards.
        public static let migrationChanged = Code(.migrationChanged)
        /// Granting the desk's roles as a user who does not own the schema.
        public static let grantNotOwner = Code(.grantNotOwner)
        /// The database has no dsar_grant() function yet.
        public static let grantFunctionMissing = Code(.grantFunctionMissing)
        /// A purge cut-off `day` after today (`value`).
        public static let purgeDateInFuture = Code(.purgeDateInFuture)
        /// The intake writer lost a value it read or reserved (`name`: which) while storing a batch.
        public static let intakeLostTrack = Code(.intakeLostTrack)
        /// A message another import stored at the same time was removed again.
        public static let duplicateVanished = Code(.duplicateVanished)

        /// Every code, for tests that check each has a sentence.
        public static var allCases: [Code] { Base.allCases.map(Code.init) }
    }

    public let code: Code
    /// The request the failure is about.
    public var reference: String?
    /// Who did something (the desk member who changed the request first, …).
    public var actor: String?
    /// The request's state.
    public var state: RequestState?
    /// The request's right.
    public var right: Right?
    /// The policy code.
    public var policy: String?
    /// The thing named: a setting, a calendar, a folder, a file, a program, a letter.
    public var name: String?
    /// What was given or found: typed text, a stored value, a status.
    public var value: String?
    /// A calendar day.
    public var day: LocalDate?
    /// An instant.
    public var time: Date?
    /// A row id or an event's sequence number.
    public var id: Int64?
    /// A number: a year, a limit, an error number, a sequence.
    public var count: Int?
    /// A list of allowed values, or another library's own sentence carried along.
    public var detail: String?
    /// The lifecycle's refusal, for `lifecycleRefused` and `syntheticRuleBroken`.
    public var lifecycle: LifecycleError?

    public init(
        _ code: Code, reference: String? = nil, actor: String? = nil, state: RequestState? = nil, right: Right? = nil,
        policy: String? = nil, name: String? = nil, value: String? = nil, day: LocalDate? = nil, time: Date? = nil,
        id: Int64? = nil, count: Int? = nil, detail: String? = nil, lifecycle: LifecycleError? = nil
    ) {
        self.code = code
        self.reference = reference
        self.actor = actor
        self.state = state
        self.right = right
        self.policy = policy
        self.name = name
        self.value = value
        self.day = day
        self.time = time
        self.id = id
        self.count = count
        self.detail = detail
        self.lifecycle = lifecycle
    }

    /// The category of `code`.
    public var category: Category { code.category }

    /// The code and the values, for logs and debugging; not a sentence for the user.
    public var description: String {
        let fields: [(String, String?)] = [
            ("reference", reference), ("actor", actor), ("state", state?.rawValue), ("right", right?.rawValue),
            ("policy", policy), ("name", name), ("value", value), ("day", day?.iso), ("time", time.map { "\($0)" }),
            ("id", id.map { "\($0)" }), ("count", count.map { "\($0)" }), ("detail", detail),
            ("lifecycle", lifecycle.map { "\($0.code)" }),
        ]
        let present = fields.compactMap { key, value in value.map { "\(key)=\($0)" } }
        return ([code.description] + present).joined(separator: " ")
    }
}
