public import DeskCore
public import Foundation
import Letters

/// The portal's words in the four languages: `Templates/portal/strings/<lang>.strings`, one
/// `key = value` a line (`#` starts a comment). Uzbek in Cyrillic is transliterated from the
/// Latin file for every key its own file does not give.
public struct PortalText: Sendable {
    private let table: [Language: [String: String]]

    public init(directory: URL) throws {
        var table: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let url = directory.appendingPathComponent("\(language.rawValue).strings")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                if language == .uzbekCyrillic { continue }
                throw PortalError.wordsMissing(path: url.path)
            }
            table[language] = Self.parse(text)
        }
        var cyrillic = table[.uzbekCyrillic] ?? [:]
        for (key, value) in table[.uzbekLatin] ?? [:] where cyrillic[key] == nil {
            cyrillic[key] = UzbekTransliterator.toCyrillic(value)
        }
        table[.uzbekCyrillic] = cyrillic
        let english = table[.english] ?? [:]
        for language in Language.allCases where language != .english {
            let missing = english.keys.filter { table[language]?[$0] == nil }.sorted()
            if let first = missing.first {
                throw PortalError.wordsIncomplete(language: language, first: first, more: missing.count - 1)
            }
        }
        self.table = table
    }

    public func strings(_ language: Language) -> [String: String] { table[language] ?? [:] }

    static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            result[key] = value
        }
        return result
    }
}
