import ArgumentParser
import Foundation

/// Checks on free text typed at the command line: sane lengths, no control characters.
enum InputRules {
    static let maxNameLength = 200
    static let maxTextLength = 10_000

    /// A person's or actor's name: 1–200 characters, no control characters.
    static func checkName(_ value: String, option: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("\(option) cannot be empty.") }
        guard trimmed.count <= maxNameLength else {
            throw ValidationError("\(option) is longer than \(maxNameLength) characters; shorten it.")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError("\(option) contains control characters; type it again without them.")
        }
    }

    /// Free text (details, notes, reasons): up to 10,000 characters, no control characters but newlines and tabs.
    static func checkText(_ value: String, option: String, required: Bool = false) throws {
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("\(option) cannot be empty.")
        }
        guard value.count <= maxTextLength else {
            throw ValidationError("\(option) is longer than \(maxTextLength) characters; shorten it or attach a file instead.")
        }
        let allowed: Set<Unicode.Scalar> = ["\n", "\t", "\r"]
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else {
            throw ValidationError("\(option) contains control characters; remove them.")
        }
    }

    /// An email address: one @, a dot in the domain, no spaces, up to 254 characters.
    static func checkEmail(_ value: String, option: String = "--email") throws {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
        else {
            throw ValidationError("\(option) \(value.prefix(60)) is not an email address; use a form like name@example.uz.")
        }
    }

    /// The folder a file is to be written into must exist (`--out PATH`).
    static func checkFolderExists(for path: String, option: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(option) \(path.prefix(80)): the folder \(directory.prefix(80)) does not exist; create it or choose another path.")
        }
    }
}
