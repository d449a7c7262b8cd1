public import DeskCore

/// A period written out in a letter: uz `10 kalendar kuni`, uz-Cyrl `10 календарь куни`,
/// ru `10 календарных дней`, en `10 calendar days`.
public enum TermText {
    public static func text(_ period: Period, language: Language) -> String {
        let n = period.count
        switch language {
        case .uzbekLatin:
            switch period.unit {
            case .calendarDays: return "\(n) kalendar kuni"
            case .workingDays: return "\(n) ish kuni"
            case .months: return "\(n) oy"
            }
        case .uzbekCyrillic:
            switch period.unit {
            case .calendarDays: return "\(n) календарь куни"
            case .workingDays: return "\(n) иш куни"
            case .months: return "\(n) ой"
            }
        case .russian:
            switch period.unit {
            case .calendarDays: return "\(n) " + russianPlural(n, "календарный день", "календарных дня", "календарных дней")
            case .workingDays: return "\(n) " + russianPlural(n, "рабочий день", "рабочих дня", "рабочих дней")
            case .months: return "\(n) " + russianPlural(n, "месяц", "месяца", "месяцев")
            }
        case .english:
            switch period.unit {
            case .calendarDays: return "\(n) calendar day\(n == 1 ? "" : "s")"
            case .workingDays: return "\(n) working day\(n == 1 ? "" : "s")"
            case .months: return "\(n) month\(n == 1 ? "" : "s")"
            }
        }
    }

    /// Russian noun form after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день.
    static func russianPlural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let tens = n % 100
        let units = n % 10
        if (11...14).contains(tens) { return many }
        if units == 1 { return one }
        if (2...4).contains(units) { return few }
        return many
    }
}
