import DeskCore
import Foundation

/// Dates in plain words: "1 December 2026", "1 dekabr 2026", "1 декабря 2026".
struct PortalDates {
    let language: Language
    let timeZone: TimeZone

    static let months: [Language: [String]] = [
        .english: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        .uzbekLatin: ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"],
        .uzbekCyrillic: ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентабр", "октабр", "ноябр", "декабр"],
        .russian: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
    ]

    func day(_ date: LocalDate) -> String {
        let names = Self.months[language] ?? Self.months[.english] ?? []
        let month = names.indices.contains(date.month - 1) ? names[date.month - 1] : String(date.month)
        return "\(date.day) \(month) \(date.year)"
    }

    func day(_ instant: Date) -> String { day(LocalDate(instant, in: timeZone)) }
}
