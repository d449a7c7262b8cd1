public import DeskCore

/// Formats a `YYYY-MM-DD` calendar date the way each language writes dates in a letter.
///
/// Dates stay plain strings here so that the letters do not depend on how DeskCore
/// represents local dates; anything that is not `YYYY-MM-DD` is returned unchanged.
public enum LetterDate {
    private static let months: [Language: [String]] = [
        .uzbekLatin: ["yanvar", "fevral", "mart", "aprel", "may", "iyun",
                      "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"],
        .uzbekCyrillic: ["январь", "февраль", "март", "апрель", "май", "июнь",
                         "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
        .russian: ["января", "февраля", "марта", "апреля", "мая", "июня",
                   "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        .english: ["January", "February", "March", "April", "May", "June",
                   "July", "August", "September", "October", "November", "December"],
    ]

    /// `2026-11-23` → uz `2026-yil 23-noyabr`, uz-Cyrl `2026 йил 23 ноябрь`,
    /// ru `23 ноября 2026 г.`, en `23 November 2026`.
    public static func format(_ isoDate: String, language: Language) -> String {
        let parts = isoDate.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day),
              let names = months[language]
        else { return isoDate }
        let name = names[month - 1]
        switch language {
        case .uzbekLatin: return "\(year)-yil \(day)-\(name)"
        case .uzbekCyrillic: return "\(year) йил \(day) \(name)"
        case .russian: return "\(day) \(name) \(year) г."
        case .english: return "\(day) \(name) \(year)"
        }
    }
}
