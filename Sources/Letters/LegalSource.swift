public import DeskCore
import Foundation

/// Writes a policy's citation (`ZRU-547 art. 30`, `152-FZ art. 14(3)`, `GDPR art. 12(3)`) the way a
/// lawyer writes it in each language (issue 14 item 1):
///
/// - uz `OʻRQ-547-son Qonunning 30-moddasi`, `152-FZ-son Federal qonunning 14-moddasi 3-qismi`
/// - uz-Cyrl `ЎРҚ-547-сон Қонуннинг 30-моддаси`
/// - ru `ст. 30 Закона Республики Узбекистан № ЗРУ-547 «О персональных данных»`,
///   `ч. 3 ст. 14 Федерального закона № 152-ФЗ «О персональных данных»`
/// - en `Article 30 of Law No. ZRU-547 of the Republic of Uzbekistan on Personal Data`, `Article 12(3) GDPR`
///
/// Policies store one citation of the form `LAW art. N[(P)][, M…]`; anything else is quoted unchanged.
public enum LegalSource {
    /// How each language names a law after the articles ("Qonunning", "Федерального закона …").
    private struct LawName {
        /// uz and uz-Cyrl: the genitive that precedes the article ("OʻRQ-547-son Qonunning").
        let uz: String
        let uzCyrl: String
        /// ru: the genitive that follows "ст. N".
        let ru: String
        /// en: what follows "Article N of" — or, for GDPR, the short form written after the article.
        let en: String
        var enAfterArticle = false
        /// What a numbered part is called: a Russian or Uzbek law has parts (ч., qism), the GDPR paragraphs (п., band).
        var partRu = "ч."
        var partUz = "qismi"
        var partUzCyrl = "қисми"
    }

    private static let laws: [String: LawName] = [
        "ZRU-547": LawName(
            uz: "OʻRQ-547-son Qonunning", uzCyrl: "ЎРҚ-547-сон Қонуннинг",
            ru: "Закона Республики Узбекистан № ЗРУ-547 «О персональных данных»",
            en: "Law No. ZRU-547 of the Republic of Uzbekistan on Personal Data"),
        "ZRU-445": LawName(
            uz: "OʻRQ-445-son Qonunning", uzCyrl: "ЎРҚ-445-сон Қонуннинг",
            ru: "Закона Республики Узбекистан № ЗРУ-445 «Об обращениях физических и юридических лиц»",
            en: "Law No. ZRU-445 of the Republic of Uzbekistan on Appeals of Individuals and Legal Entities"),
        "152-FZ": LawName(
            uz: "Rossiya Federatsiyasining 152-FZ-son Federal qonunining", uzCyrl: "Россия Федерациясининг 152-ФЗ-сон Федерал қонунининг",
            ru: "Федерального закона № 152-ФЗ «О персональных данных»",
            en: "Federal Law No. 152-FZ on Personal Data"),
        "GDPR": LawName(
            uz: "Yevropa Ittifoqi Maʼlumotlarni himoya qilish umumiy reglamentining (GDPR)",
            uzCyrl: "Европа Иттифоқи Маълумотларни ҳимоя қилиш умумий регламентининг",
            ru: "Общего регламента ЕС по защите данных (GDPR)", en: "GDPR", enAfterArticle: true,
            partRu: "п.", partUz: "bandi", partUzCyrl: "банди"),
    ]

    /// One cited article with an optional part: `14(3)` → ("14", "3").
    private struct Article {
        let number: String
        let part: String?

        init(_ text: String) {
            if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
                number = String(text[..<open])
                part = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            } else {
                number = text
                part = nil
            }
        }
    }

    /// The citation in `language`; a source not of the form `LAW art. …` comes back unchanged.
    public static func localised(_ source: String, language: Language) -> String {
        guard let range = source.range(of: " art. ") else { return source }
        let code = String(source[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let list = source[range.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !code.isEmpty, !list.isEmpty, !list.contains(where: \.isEmpty) else { return source }
        let articles = list.map(Article.init)
        let law = laws[code]
        switch language {
        case .uzbekLatin:
            return "\(law?.uz ?? code) " + uzbek(articles, article: "moddasi", articles: "moddalari", part: law?.partUz ?? "qismi", and: "va")
        case .uzbekCyrillic:
            return "\(law?.uzCyrl ?? code) " + uzbek(articles, article: "моддаси", articles: "моддалари", part: law?.partUzCyrl ?? "қисми", and: "ва")
        case .russian:
            return russian(articles, part: law?.partRu ?? "ч.") + " " + (law?.ru ?? code)
        case .english:
            let cited = english(articles)
            guard let law else { return "\(cited) of \(code)" }
            return law.enAfterArticle ? "\(cited) \(law.en)" : "\(cited) of \(law.en)"
        }
    }

    private static func joined(_ items: [String], and: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(and) " + (items.last ?? "")
    }

    /// `30-moddasi`, `14-moddasi 3-qismi`, `17, 30 va 31-moddalari`.
    private static func uzbek(_ articles: [Article], article: String, articles plural: String, part: String, and: String) -> String {
        if articles.count == 1 || articles.contains(where: { $0.part != nil }) {
            return joined(articles.map { a in
                "\(a.number)-\(article)" + (a.part.map { " \($0)-\(part)" } ?? "")
            }, and: and)
        }
        return joined(articles.map(\.number), and: and) + "-\(plural)"
    }

    /// `ст. 30`, `ч. 3 ст. 14`, `ст. 17, 30 и 31`.
    private static func russian(_ articles: [Article], part: String) -> String {
        if articles.count == 1 || articles.contains(where: { $0.part != nil }) {
            return joined(articles.map { a in (a.part.map { "\(part) \($0) " } ?? "") + "ст. \(a.number)" }, and: "и")
        }
        return "ст. " + joined(articles.map(\.number), and: "и")
    }

    /// `Article 30`, `Article 14(3)`, `Articles 17, 30 and 31`.
    private static func english(_ articles: [Article]) -> String {
        let items = articles.map { a in a.number + (a.part.map { "(\($0))" } ?? "") }
        return (items.count == 1 ? "Article " : "Articles ") + joined(items, and: "and")
    }
}
