/// The four languages the desk writes and reads (SPEC §1).
public enum Language: String, CaseIterable, Codable, Sendable, Hashable {
    /// Uzbek in the Latin script (oʻ, gʻ, ʼ).
    case uzbekLatin = "uz"
    /// Uzbek in the Cyrillic script (ў, қ, ғ, ҳ).
    case uzbekCyrillic = "uz-Cyrl"
    case russian = "ru"
    case english = "en"
}
