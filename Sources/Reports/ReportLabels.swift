public import DeskCore

/// A piece of report wording: section titles, column headings, chart titles.
public enum ReportText: String, CaseIterable, Sendable {
    case title, month, timeZone, policy, allPolicies, generatedAt
    case received, byRight, byChannel, byLanguage, byPolicy
    case closed, byOutcome
    case onTime, lateClosures
    case timeToClose
    case extensions, clockPauses, refusals, identityFailures, erasures, recipientNotifications
    case backlog, aging, overdue, trend
    case right, channel, language, outcome, ground, count, total, onTimeCount, rate
    case median, p90, reference, due, closedOn, daysLate, extendedBy, reason, system, categories
    case recipient, sentOn, open, daysOverdue, assignee, onTimeRate, pauseCount, totalDays
    case unassigned, noneInMonth, allRights, days, receivedCount, closedCount
    case chartReceivedByRight, chartTrend, axisRequests, axisMonth
}

/// The report's wording in one language (SPEC §7, `--lang`). Figures never change with it.
///
/// Each language is a table of values; a missing entry falls back to English, and an
/// unknown code (a ground added by a policy) is shown as the code itself.
public struct ReportLabels: Sendable {
    public let language: Language
    /// `lang` attribute for HTML.
    public var languageTag: String { language.rawValue }
    let texts: [ReportText: String]
    let rights: [Right: String]
    let outcomes: [String: String]
    let grounds: [String: String]
    let channels: [String: String]
    let languages: [String: String]

    /// The labels for `language`; every language of the desk has its own table.
    public static func labels(for language: Language) -> ReportLabels {
        all[language] ?? english
    }

    /// Every table, keyed by language.
    public static let all: [Language: ReportLabels] = [
        .english: english, .russian: russian, .uzbekLatin: uzbekLatin, .uzbekCyrillic: uzbekCyrillic,
    ]

    public subscript(_ text: ReportText) -> String {
        texts[text] ?? ReportLabels.english.texts[text] ?? text.rawValue
    }

    public func name(of right: Right) -> String {
        rights[right] ?? ReportLabels.english.rights[right] ?? right.rawValue
    }

    /// A right's name from its code; the code itself when it is not a right.
    public func rightName(_ code: String) -> String {
        Right(rawValue: code).map { name(of: $0) } ?? code
    }

    public func outcomeName(_ code: String) -> String { outcomes[code] ?? code }
    public func groundName(_ code: String) -> String { grounds[code] ?? code }
    public func channelName(_ code: String) -> String { channels[code] ?? code }
    public func languageName(_ code: String) -> String { languages[code] ?? code }

    /// Every text key that this table lacks (tests keep this empty).
    public var missingTexts: [ReportText] { ReportText.allCases.filter { texts[$0] == nil } }
}
