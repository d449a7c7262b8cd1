public import DeskCore

/// The words by which people ask for each right in one language: data read by `RightClassifier`.
///
/// Phrases are matched at the start of a word and are open at the end, so a stem (`удал`)
/// matches every inflection (`удалить`, `удаление`, `удалите`). Before matching, text and
/// phrases are lower-cased, every apostrophe variant (' ʻ ʼ ‘ ’ `) is removed, `ё` becomes `е`
/// and punctuation becomes a space; a trailing space in a phrase (`"sar "`) demands a whole word.
public struct IntakeVocabulary: Sendable {
    /// The language these phrases are written in.
    public let language: Language
    /// Phrases that ask for a right.
    public let rights: [Right: [String]]
    /// Phrases that say a right is *not* wanted ("do not delete", "не удаляйте", "oʻchirmang");
    /// each hit takes back one hit of that right in the same sentence.
    public let negations: [Right: [String]]
    /// Phrases that withdraw consent (count as an objection and set `consentWithdrawal`).
    public let consentWithdrawal: [String]
    /// Phrases about direct marketing (set `directMarketing` on an objection).
    public let directMarketing: [String]
    /// Phrases that make a sentence the operative one ("I request", "прошу", "iltimos").
    public let operative: [String]
    /// Phrases that make a sentence a citation of the law ("Article 15", "статья", "modda").
    public let citation: [String]
    /// Common words that tell this language apart from the others.
    public let markers: [String]

    /// Creates a vocabulary, e.g. a desk's own additions passed to `RightClassifier(vocabularies:)`.
    public init(
        language: Language, rights: [Right: [String]], negations: [Right: [String]] = [:],
        consentWithdrawal: [String] = [], directMarketing: [String] = [], operative: [String] = [],
        citation: [String] = [], markers: [String] = []
    ) {
        self.language = language
        self.rights = rights
        self.negations = negations
        self.consentWithdrawal = consentWithdrawal
        self.directMarketing = directMarketing
        self.operative = operative
        self.citation = citation
        self.markers = markers
    }

    /// Every vocabulary the classifier reads.
    public static let all: [IntakeVocabulary] = [.uzbekLatin, .uzbekCyrillic, .russian, .english]
}
