import Foundation

/// Small checks shared by the evidence types; each failure is one sentence.
enum EvidenceValidation {
    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    static func require(_ text: String?, _ what: String) throws(DeskCoreError) {
        if isBlank(text) { throw DeskCoreError(.invalidEvidence, "The \(what) is required.") }
    }

    static func requireList(_ items: [String], _ what: String) throws(DeskCoreError) {
        if items.allSatisfy({ isBlank($0) }) { throw DeskCoreError(.invalidEvidence, "At least one \(what) is required.") }
    }

    /// Whether `text` is a SHA-256 digest written as 64 hexadecimal digits.
    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) }
    }

    static func requireSHA256(_ text: String?, _ what: String) throws(DeskCoreError) {
        guard let text, isSHA256Hex(text) else {
            throw DeskCoreError(.invalidEvidence, "The sha256 of the \(what) must be 64 hexadecimal digits.")
        }
    }
}
