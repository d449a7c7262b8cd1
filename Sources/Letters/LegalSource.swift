import DeskCore
import Foundation

/// Writes a policy's deadline citation (`ZRU-547 art. 11`, `152-FZ art. 14, 20`, `GDPR art. 12(3)`)
/// the way each language cites law.
///
/// Policies store one citation of the form `LAW art. N[, M…]`; anything else is quoted unchanged.
public enum LegalSource {
    /// Law codes as written in each language; codes not listed are kept as given.
    private static let laws: [String: [Language: String]] = [
        "ZRU-547": [.uzbekLatin: "OʻRQ-547", .uzbekCyrillic: "ЎРҚ-547", .russian: "ЗРУ-547", .english: "ZRU-547"],
        "ZRU-445": [.uzbekLatin: "OʻRQ-445", .uzbekCyrillic: "ЎРҚ-445", .russian: "ЗРУ-445", .english: "ZRU-445"],
        "152-FZ": [.uzbekLatin: "152-FZ", .uzbekCyrillic: "152-ФЗ", .russian: "152-ФЗ", .english: "152-FZ"],
        "GDPR": [.uzbekLatin: "GDPR", .uzbekCyrillic: "GDPR", .russian: "GDPR", .english: "GDPR"],
    ]

    /// `ZRU-547 art. 11` → uz `OʻRQ-547, 11-modda`, uz-Cyrl `ЎРҚ-547, 11-модда`,
    /// ru `ЗРУ-547, ст. 11`, en `ZRU-547 art. 11`.
    public static func localised(_ source: String, language: Language) -> String {
        guard let range = source.range(of: " art. ") else { return source }
        let law = String(source[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let articles = String(source[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard !law.isEmpty, !articles.isEmpty else { return source }
        let name = laws[law]?[language] ?? law
        let plural = articles.contains(",")
        switch language {
        case .uzbekLatin: return "\(name), \(articles)-\(plural ? "moddalar" : "modda")"
        case .uzbekCyrillic: return "\(name), \(articles)-\(plural ? "моддалар" : "модда")"
        case .russian: return "\(name), ст. \(articles)"
        case .english: return "\(name) art. \(articles)"
        }
    }
}
