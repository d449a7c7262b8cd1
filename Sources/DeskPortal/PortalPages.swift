public import DeskCore
public import Foundation
import Mustache

/// The portal's pages: Mustache templates of `Templates/portal/` (HTML-escaped by Mustache:
/// everything a visitor typed is escaped), filled with the words of the page's language.
public struct PortalPages: @unchecked Sendable {  // immutable after init; `words` holds only strings
    let library: MustacheLibrary
    public let text: PortalText
    /// Each language's words as nested dictionaries (`site.title` → t.site.title).
    let words: [Language: [String: Any]]
    public let styleSheet: String

    public static let pages = ["form", "code", "registered", "status", "view", "verify", "message"]

    public init(directory: URL) throws {
        text = try PortalText(directory: directory.appendingPathComponent("strings"))
        var library = MustacheLibrary()
        func source(_ name: String) throws -> String {
            let url = directory.appendingPathComponent(name + ".mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw PortalError.templateUnreadable(path: url.path)
            }
            return text
        }
        do {
            for partial in ["header", "footer"] { try library.register(try source("partials/" + partial), named: partial) }
            for page in Self.pages { try library.register(try source(page), named: page) }
        } catch let error as PortalError {
            throw error
        } catch {
            throw PortalError.templateInvalid(detail: "\(error)")
        }
        self.library = library
        var words: [Language: [String: Any]] = [:]
        for language in Language.allCases { words[language] = Self.nest(text.strings(language)) }
        self.words = words
        guard let css = try? String(contentsOf: directory.appendingPathComponent("portal.css"), encoding: .utf8) else {
            throw PortalError.styleSheetUnreadable
        }
        styleSheet = css
    }

    /// The word `key` in `language`, with `{name}` placeholders filled.
    public func word(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        var result = text.strings(language)[key] ?? key
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    /// Renders `page` in `language`; `values` are the page's own keys.
    public func render(_ page: String, language: Language, values: [String: Any]) -> String {
        var context = values
        context["t"] = words[language] ?? [:]
        context["lang"] = language.rawValue
        context["languages"] = Language.allCases.map { other -> [String: Any] in
            ["code": other.rawValue, "name": Self.languageName(other), "current": other == language]
        }
        return library.render(context, withTemplate: page) ?? ""
    }

    static func languageName(_ language: Language) -> String {
        switch language {
        case .uzbekLatin: return "Oʻzbekcha"
        case .uzbekCyrillic: return "Ўзбекча"
        case .russian: return "Русский"
        case .english: return "English"
        }
    }

    static func nest(_ flat: [String: String]) -> [String: Any] {
        var root: [String: Any] = [:]
        for (key, value) in flat {
            insert(&root, path: key.split(separator: ".").map(String.init)[...], value: value)
        }
        return root
    }

    private static func insert(_ node: inout [String: Any], path: ArraySlice<String>, value: String) {
        guard let head = path.first else { return }
        if path.count == 1 {
            node[head] = value
            return
        }
        var child = node[head] as? [String: Any] ?? [:]
        insert(&child, path: path.dropFirst(), value: value)
        node[head] = child
    }
}
