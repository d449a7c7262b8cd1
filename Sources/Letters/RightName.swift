public import DeskCore

/// The name of a right as a letter writes it after "Request type:" (nominative, no inflection needed).
///
/// Uzbek Cyrillic is produced from the Uzbek Latin entry by `UzbekTransliterator`.
public enum RightName {
    private static let names: [Language: [Right: String]] = [
        .uzbekLatin: [
            .access: "oʻz shaxsga doir maʼlumotlari bilan tanishish",
            .rectification: "shaxsga doir maʼlumotlarni aniqlashtirish (tuzatish)",
            .erasure: "shaxsga doir maʼlumotlarni oʻchirish (yoʻq qilish)",
            .restriction: "shaxsga doir maʼlumotlarga ishlov berishni cheklash (toʻxtatib turish)",
            .portability: "shaxsga doir maʼlumotlarni boshqa operatorga uzatish",
            .objection: "shaxsga doir maʼlumotlarga ishlov berishga eʼtiroz bildirish",
        ],
        .russian: [
            .access: "доступ к персональным данным",
            .rectification: "уточнение (исправление) персональных данных",
            .erasure: "удаление (уничтожение) персональных данных",
            .restriction: "ограничение обработки (блокирование) персональных данных",
            .portability: "передача персональных данных другому оператору",
            .objection: "возражение против обработки персональных данных",
        ],
        .english: [
            .access: "access to personal data",
            .rectification: "rectification of personal data",
            .erasure: "erasure of personal data",
            .restriction: "restriction of processing",
            .portability: "data portability",
            .objection: "objection to processing",
        ],
    ]

    private static let consentWithdrawal: [Language: String] = [
        .uzbekLatin: "shaxsga doir maʼlumotlarga ishlov berishga rozilikni qaytarib olish",
        .russian: "отзыв согласия на обработку персональных данных",
        .english: "withdrawal of consent",
    ]

    /// The localised name; `consentWithdrawal` names an objection that withdraws consent.
    public static func name(of right: Right, consentWithdrawal isWithdrawal: Bool = false, language: Language) -> String {
        if language == .uzbekCyrillic {
            return UzbekTransliterator.toCyrillic(name(of: right, consentWithdrawal: isWithdrawal, language: .uzbekLatin))
        }
        if isWithdrawal, right == .objection, let name = consentWithdrawal[language] { return name }
        return names[language]?[right] ?? right.rawValue
    }
}
