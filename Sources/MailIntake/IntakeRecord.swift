public import DeskCore
import Foundation

/// One line of `dsar intake import --dry-run --json` (SPEC §5), built from what was read and assessed.
///
/// `duplicate` and replies found through In-Reply-To/References are for the caller to set, as
/// they need the store: use `with(status:reference:)`.
public struct IntakeRecord: Codable, Sendable, Hashable {
    /// Where the message came from (`inbox.mbox#17`, a Maildir file, `-`).
    public var source: String
    /// Message-ID without angle brackets.
    public var messageID: String?
    /// Requester display name (Reply-To, else From).
    public var fromName: String?
    /// Requester address (Reply-To, else From).
    public var fromEmail: String?
    /// Decoded subject.
    public var subject: String?
    /// ISO 8601 in UTC, or nil when the message has no readable Date.
    public var date: String?
    /// `Language` raw value (uz, uz-Cyrl, ru, en).
    public var language: String?
    /// The rights asked for, primary first (`Right` raw values).
    public var kinds: [String]
    /// new, reply, duplicate, triage or quarantined.
    public var status: String
    /// Desk reference found in the message (or set by the caller from threading).
    public var reference: String?
    /// Quarantine reason or automated-mail reason.
    public var reason: String?
    /// The objection withdraws consent.
    public var consentWithdrawal: Bool
    /// The objection is to direct marketing.
    public var directMarketing: Bool
    /// The calibrated probability of the primary right; nil when the message was not classified.
    public var confidence: Double?
    /// For a triage item: the rights a person might choose, best first; nil otherwise.
    public var suggested: [RightScore]?

    /// One suggested right as the JSON line has it.
    struct Suggestion: Codable {
        let kind: String
        let probability: Double
    }

    enum CodingKeys: String, CodingKey {
        case source, subject, date, language, kinds, status, reference, reason
        case messageID = "message_id", fromName = "from_name", fromEmail = "from_email"
        case consentWithdrawal = "consent_withdrawal", directMarketing = "direct_marketing"
        case confidence, suggested
    }

    /// The record of an assessed message.
    public init(source: String, assessment: IntakeAssessment) {
        let message = assessment.message
        let requester = message?.requester
        self.source = source
        self.messageID = message?.messageID
        self.fromName = requester?.name
        self.fromEmail = requester?.email
        self.subject = message?.subject
        self.date = message?.date.map(Self.isoInstant)
        self.language = assessment.classification?.language?.rawValue
        self.kinds = assessment.classification?.rights.map(\.rawValue) ?? []
        self.status = assessment.status.rawValue
        self.reference = assessment.reference
        self.reason = assessment.reason
        self.consentWithdrawal = assessment.classification?.consentWithdrawal ?? false
        self.directMarketing = assessment.classification?.directMarketing ?? false
        self.confidence = assessment.classification?.confidence
        self.suggested = assessment.status == .triage ? assessment.classification?.suggested : nil
    }

    /// Reads a line back; the two flags are not part of the line and default to false.
    /// `2026-03-02T05:15:00Z`, as `ISO8601DateFormatter` writes it, without creating a formatter
    /// (an ICU object) per message; years outside 0001–9999 still go through the formatter.
    static func isoInstant(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds > -62_135_596_800, seconds < 253_402_300_800 else { return ISO8601DateFormatter().string(from: date) }
        let whole = Int(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let time = whole - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let day = LocalDate(daysSinceEpoch: days)
        return "\(day.iso)T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        messageID = try container.decodeIfPresent(String.self, forKey: .messageID)
        fromName = try container.decodeIfPresent(String.self, forKey: .fromName)
        fromEmail = try container.decodeIfPresent(String.self, forKey: .fromEmail)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        date = try container.decodeIfPresent(String.self, forKey: .date)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        kinds = try container.decodeIfPresent([String].self, forKey: .kinds) ?? []
        status = try container.decode(String.self, forKey: .status)
        reference = try container.decodeIfPresent(String.self, forKey: .reference)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        consentWithdrawal = try container.decodeIfPresent(Bool.self, forKey: .consentWithdrawal) ?? false
        directMarketing = try container.decodeIfPresent(Bool.self, forKey: .directMarketing) ?? false
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
        suggested = try container.decodeIfPresent([Suggestion].self, forKey: .suggested)?.compactMap { suggestion in
            Right(rawValue: suggestion.kind).map { RightScore(right: $0, probability: suggestion.probability) }
        }
    }

    /// Writes exactly the SPEC §5 keys, `null` included, so each JSON line has the same shape, then
    /// `confidence` (issue 13) and, on a triage line only, `suggested` (`[{kind, probability}]`).
    ///
    /// The objection flags are kept on the value for the importer but are not part of the line:
    /// SPEC §5 fixes the keys, and programs read them from the request (`dsar show --json`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(fromName, forKey: .fromName)
        try container.encode(fromEmail, forKey: .fromEmail)
        try container.encode(subject, forKey: .subject)
        try container.encode(date, forKey: .date)
        try container.encode(language, forKey: .language)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(status, forKey: .status)
        try container.encode(reference, forKey: .reference)
        try container.encode(reason, forKey: .reason)
        try container.encode(confidence, forKey: .confidence)
        if let suggested {
            try container.encode(suggested.map { Suggestion(kind: $0.right.rawValue, probability: $0.probability) }, forKey: .suggested)
        }
    }

    /// A copy with the status (and reference) the store decided, e.g. `duplicate`.
    public func with(status: String, reference: String? = nil) -> IntakeRecord {
        var copy = self
        copy.status = status
        if let reference { copy.reference = reference }
        return copy
    }
}
