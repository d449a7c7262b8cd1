public import DeskCore
import Foundation

/// Which of the four languages a page is shown in: `?lang=` (remembered in a cookie), else the
/// cookie, else the best match of `Accept-Language`, else Uzbek.
public enum PortalLanguage {
    /// The language a `lang` value names (`uz`, `uz-Cyrl`, `ru`, `en`, any case), if any.
    public static func named(_ value: String?) -> Language? {
        guard let value else { return nil }
        return Language.allCases.first { $0.rawValue.lowercased() == value.lowercased() }
    }

    /// The best language of an `Accept-Language` header (`ru-RU,ru;q=0.9,en;q=0.8`).
    public static func negotiate(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",").prefix(20) {
            let parts = item.split(separator: ";")
            let tag = parts.first.map { String($0).trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == "q", let q = Double(pair[1]) { quality = q }
            }
            guard quality > 0, let language = language(tag: tag) else { continue }
            if quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }

    static func language(tag: String) -> Language? {
        if tag == "uz-cyrl" || tag.hasPrefix("uz-cyrl-") { return .uzbekCyrillic }
        if tag == "uz" || tag.hasPrefix("uz-") { return .uzbekLatin }
        if tag == "ru" || tag.hasPrefix("ru-") { return .russian }
        if tag == "en" || tag.hasPrefix("en-") { return .english }
        return nil
    }
}
